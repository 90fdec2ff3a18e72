package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.faults.FaultRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The tail REST lifecycle (create, list, delete), its limit and its errors, through plain HTTP. */
class TailsRestTest {

    static final String WORKER = "api-gateway";

    Emulator emu;
    TestClient client;
    String tails;

    @BeforeEach
    void start() {
        emu = Emulator.start(EmulatorOptions.builder().tailLifetime(Duration.ofHours(2)).build());
        client = new TestClient(emu);
        tails = tailsPath(WORKER);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    String tailsPath(String worker) {
        return "/accounts/" + DemoWorld.PRODUCTION.id() + "/workers/scripts/" + worker + "/tails";
    }

    TestClient.Reply post(String path, String body) {
        return client.send("POST", path, "Bearer " + emu.userToken(), body, "Content-Type", "application/json");
    }

    TestClient.Reply delete(String path) {
        return client.send("DELETE", path, "Bearer " + emu.userToken(), null);
    }

    @Test
    void createListAndDeleteFollowTheEnvelope() {
        Instant before = Instant.now();
        TestClient.Reply created = post(tails, "{\"filters\":[]}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode first = created.json().get("result");
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(first.get("id").asText()).matches("[0-9a-f]{32}");
        assertThat(first.get("url").asText()).startsWith("ws://127.0.0.1:").contains(first.get("id").asText());
        assertThat(Instant.parse(first.get("expires_at").asText()))
                .isCloseTo(before.plus(Duration.ofHours(2)), within(30, ChronoUnit.SECONDS));

        JsonNode second = post(tails, "{\"filters\":[{\"outcome\":[\"ok\"]}]}").json().get("result");
        assertThat(second.get("url").asText()).isNotEqualTo(first.get("url").asText());
        // The list answers one object (the OpenAPI document's shape): the newest live tail.
        assertThat(client.get(tails).json().get("result").get("id").asText()).isEqualTo(second.get("id").asText());

        TestClient.Reply deleted = delete(tails + "/" + second.get("id").asText());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(deleted.json().get("result").isNull()).isTrue();
        assertThat(client.get(tails).json().get("result").get("id").asText()).isEqualTo(first.get("id").asText());

        delete(tails + "/" + first.get("id").asText());
        assertThat(client.get(tails).json().get("result").isNull()).isTrue();

        TestClient.Reply again = delete(tails + "/" + first.get("id").asText());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().at("/errors/0/code").asInt()).isEqualTo(10007);
    }

    @Test
    void anEmptyBodyOrObjectMeansNoFilters() {
        assertThat(client.send("POST", tails, "Bearer " + emu.userToken(), null).status()).isEqualTo(200);
        assertThat(post(tails, "{}").status()).isEqualTo(200);
        JsonNode admin = client.admin("GET", "/tails", null).json().get("tails");
        assertThat(admin).hasSize(2);
        assertThat(admin.get(0).get("filters")).isEmpty();
    }

    @Test
    void theEleventhTailOnAWorkerIsRefusedWithAClearMessage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestClient.Reply r = post(tails, "{\"filters\":[]}");
            assertThat(r.status()).as("tail %d", i + 1).isEqualTo(200);
            ids.add(r.json().at("/result/id").asText());
        }
        TestClient.Reply eleventh = post(tails, "{\"filters\":[]}");
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.json().get("success").asBoolean()).isFalse();
        assertThat(eleventh.json().at("/errors/0/code").asInt()).isEqualTo(10057);
        assertThat(eleventh.json().at("/errors/0/message").asText())
                .contains(WORKER).contains("10 live tails").contains("Stop one");

        // The limit is per Worker, and a deleted tail frees its place.
        assertThat(post(tailsPath("checkout-api"), "{}").status()).isEqualTo(200);
        delete(tails + "/" + ids.get(3));
        assertThat(post(tails, "{}").status()).isEqualTo(200);
    }

    @Test
    void expiredTailsLeaveTheListAndTheLimitButCanStillBeDeleted() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(post(tails, "{}").json().at("/result/id").asText());
        }
        assertThat(client.admin("POST", "/tails/expire", null).json().get("expired").asInt()).isEqualTo(10);

        assertThat(client.get(tails).json().get("result").isNull()).isTrue();
        assertThat(post(tails, "{}").status()).isEqualTo(200);
        assertThat(delete(tails + "/" + ids.get(0)).status()).isEqualTo(200);
    }

    @Test
    void unknownWorkersAndTailsAre404() {
        String missing = tailsPath("no-such-worker");
        for (TestClient.Reply r : List.of(post(missing, "{}"), client.get(missing),
                delete(missing + "/0123456789abcdef0123456789abcdef"), delete(tails + "/0123456789abcdef0123456789abcdef"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().at("/errors/0/code").asInt()).isEqualTo(10007);
            assertThat(r.json().get("result").isNull()).isTrue();
        }
        // A tail id is only found under its own Worker.
        String id = post(tails, "{}").json().at("/result/id").asText();
        assertThat(delete(tailsPath("checkout-api") + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void malformedFiltersAreRefused() {
        for (String body : List.of("{\"filters\":[{\"colour\":\"red\"}]}", "{\"filters\":[{\"outcome\":[\"fine\"]}]}",
                "{\"filters\":[{\"sampling_rate\":0}]}", "{\"filters\":{}}", "[1]", "{oops",
                "{\"filters\":[{\"header\":{\"query\":\"x\"}}]}")) {
            TestClient.Reply r = post(tails, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().at("/errors/0/message").asText()).as(body).isNotBlank();
        }
        assertThat(client.admin("GET", "/tails", null).json().get("tails")).isEmpty();
    }

    @Test
    void tailsGoThroughTheApiPipeline() {
        assertThat(client.send("POST", tails, null, "{}").status()).isEqualTo(400);
        assertThat(client.send("GET", tails, "Bearer cfut_" + "q".repeat(40), null).status()).isIn(400, 401, 403);

        emu.faults().add(FaultRule.status("/accounts/*/workers/scripts/*/tails", 503).times(1));
        assertThat(post(tails, "{}").status()).isEqualTo(503);
        TestClient.Reply ok = post(tails, "{}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Ratelimit")).isNotNull();

        assertThat(emu.stats().snapshot().count("POST /accounts/{account_id}/workers/scripts/{script_name}/tails"))
                .isEqualTo(3);
        assertThat(post("/accounts/0123456789abcdef0123456789abcdef/workers/scripts/" + WORKER + "/tails", "{}")
                .status()).isEqualTo(403);
    }
}
