package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeAndRoutingTest {

    static Emulator emu;
    static TestClient client;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.defaults());
        client = new TestClient(emu);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void baseUrlIsLoopbackWithTheV4Prefix() {
        assertThat(emu.baseUrl()).isEqualTo("http://127.0.0.1:" + emu.port() + "/client/v4");
        assertThat(emu.port()).isPositive();
        assertThat(emu.userToken()).startsWith("cfut_").hasSize(45);
    }

    @Test
    void successEnvelopeHasTheFourFieldsAndNoResultInfoOnSingleObjects() {
        TestClient.Reply r = client.get("/user");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode j = r.json();
        assertThat(j.get("success").asBoolean()).isTrue();
        assertThat(j.get("errors").isArray()).isTrue();
        assertThat(j.get("errors")).isEmpty();
        assertThat(j.get("messages").isArray()).isTrue();
        assertThat(j.get("result").get("email").asText()).isEqualTo("demo@flareobserver.dev");
        assertThat(j.has("result_info")).isFalse();
    }

    @Test
    void everyResponseCarriesACfRay() {
        List<String> rays = new ArrayList<>();
        for (String path : List.of("/user", "/nowhere", "/accounts")) {
            rays.add(client.get(path).header("cf-ray"));
        }
        rays.add(client.admin("GET", "/stats", null).header("cf-ray"));
        assertThat(rays).allMatch(ray -> ray.matches("[0-9a-f]{16}-EMU"));
        assertThat(rays).doesNotHaveDuplicates();
    }

    @Test
    void unknownPathIs404WithCode7003() {
        TestClient.Reply r = client.get("/zones/abc/dns_records");
        assertThat(r.status()).isEqualTo(404);
        JsonNode j = r.json();
        assertThat(j.get("success").asBoolean()).isFalse();
        assertThat(j.get("errors").get(0).get("code").asInt()).isEqualTo(7003);
        assertThat(j.get("errors").get(0).get("message").asText()).isEqualTo("No route for the URI");
        assertThat(j.get("messages")).isEmpty();
        assertThat(j.has("result")).isTrue();
        assertThat(j.get("result").isNull()).isTrue();
    }

    @Test
    void pathsOutsideTheApiAre404Too() {
        TestClient.Reply r = client.send("GET", "http://127.0.0.1:" + emu.port() + "/", null, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("errors").get(0).get("code").asInt()).isEqualTo(7003);
        assertThat(client.send("GET", "http://127.0.0.1:" + emu.port() + "/client/v4x/accounts", null, null).status())
                .isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        TestClient.Reply r = client.send("DELETE", "/accounts", "Bearer " + emu.userToken(), null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET");
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("errors").get(0).get("code").asInt()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void trailingSlashIsTolerated() {
        assertThat(client.get("/accounts/").status()).isEqualTo(200);
    }
}
