package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.emulator.stats.RequestStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAndResetTest {

    Emulator emu;
    TestClient client;

    @BeforeEach
    void start() {
        emu = Emulator.start(EmulatorOptions.defaults());
        client = new TestClient(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void requestsAreCountedPerMethodAndTemplate() {
        client.get("/accounts/" + DemoWorld.PRODUCTION.id());
        client.get("/accounts/" + DemoWorld.STAGING.id());
        client.get("/accounts");
        client.get("/user/tokens/verify");
        client.get("/no/such/thing");
        client.send("POST", "/accounts", null, null);

        RequestStats.Snapshot s = emu.stats().snapshot();
        assertThat(s.count("GET /accounts/{account_id}")).isEqualTo(2);
        assertThat(s.count("GET /accounts")).isEqualTo(1);
        assertThat(s.count("GET /user/tokens/verify")).isEqualTo(1);
        assertThat(s.count("POST /accounts")).isEqualTo(1);
        assertThat(s.count("GET " + RequestStats.UNMATCHED)).isEqualTo(1);
        assertThat(s.total()).isEqualTo(6);

        JsonNode http = client.admin("GET", "/stats", null).json();
        assertThat(http.get("since").asText()).isEqualTo(s.since().toString());
        assertThat(http.get("total").asLong()).isEqualTo(6);
        assertThat(http.get("requests").get("GET /accounts/{account_id}").asLong()).isEqualTo(2);
    }

    @Test
    void faultedRequestsAreCountedToo() {
        emu.faults().add(FaultRule.reset("/user").times(1));
        assertThat(client.rawGet("/user")).isEmpty();
        assertThat(emu.stats().snapshot().count("GET /user")).isEqualTo(1);
    }

    @Test
    void resetClearsStatsAndFaultsButKeepsState() {
        client.get("/accounts");
        emu.faults().add(FaultRule.status("/user", 500));
        var before = emu.stats().snapshot().since();
        TestClient.Reply r = client.admin("POST", "/reset", null);
        assertThat(r.json().get("reset").asBoolean()).isTrue();
        assertThat(r.json().get("state").asBoolean()).isFalse();
        assertThat(emu.stats().snapshot().requests()).isEmpty();
        assertThat(emu.stats().snapshot().since()).isAfterOrEqualTo(before);
        assertThat(emu.faults().active()).isEmpty();
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void resetWithStateReseedsAndKeepsTheToken() {
        String token = emu.userToken();
        TestClient.Reply r = client.admin("POST", "/reset", "{\"state\": true}");
        assertThat(r.json().get("state").asBoolean()).isTrue();
        assertThat(emu.userToken()).isEqualTo(token);
        assertThat(client.get("/accounts").json().get("result")).hasSize(2);
        emu.reset(true);
        assertThat(client.get("/memberships").json().get("result")).hasSize(2);
    }

    @Test
    void adminRejectsUnknownPathsAndMethods() {
        assertThat(client.admin("GET", "/nope", null).status()).isEqualTo(404);
        TestClient.Reply wrong = client.admin("PUT", "/stats", null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).isEqualTo("GET");
        assertThat(client.admin("POST", "/reset", "{oops").status()).isEqualTo(400);
    }

    @Test
    void infoShowsBaseUrlAndAccounts() {
        JsonNode info = client.admin("GET", "/info", null).json();
        assertThat(info.get("base_url").asText()).isEqualTo(emu.baseUrl());
        // The newest migration: the state is always migrated to the end.
        assertThat(info.get("schema_version").asInt())
                .isEqualTo(dev.flareobserver.emulator.state.Migrations.ALL.get(dev.flareobserver.emulator.state.Migrations.ALL.size() - 1).version());
        assertThat(info.get("accounts").get(0).get("name").asText()).isEqualTo("Acme Production");
        assertThat(info.toString()).doesNotContain(emu.userToken());
    }
}
