package dev.flareobserver.emulator;

import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.emulator.http.ApiError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Emulator emu;
    TestClient client;

    @BeforeEach
    void start() {
        emu = Emulator.start(EmulatorOptions.builder().clock(clock).build());
        client = new TestClient(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void statusFaultForNRequestsThenNormal() {
        emu.faults().add(FaultRule.status("/accounts", 503).withRetryAfter(2).times(2));
        for (int i = 0; i < 2; i++) {
            TestClient.Reply r = client.get("/accounts");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("2");
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("Service Unavailable");
        }
        assertThat(client.get("/accounts").status()).isEqualTo(200);
        assertThat(emu.faults().active()).isEmpty();
    }

    @Test
    void rateLimitFault() {
        emu.faults().add(FaultRule.rateLimit("/accounts", 7).times(1));
        TestClient.Reply r = client.get("/accounts");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.header("Ratelimit")).isEqualTo("\"default\";r=0;t=7");
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(client.get("/accounts").status()).isEqualTo(200);
    }

    @Test
    void latencyFaultDelaysThenServes() {
        emu.faults().add(FaultRule.latency("/user", Duration.ofMillis(300)).times(1));
        long t0 = System.nanoTime();
        TestClient.Reply r = client.get("/user");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void resetFaultClosesTheConnectionWithoutAResponse() {
        emu.faults().add(FaultRule.reset("/accounts").times(1));
        assertThat(client.rawGet("/accounts")).isEmpty();
        assertThat(new String(client.rawGet("/accounts"), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 200");
        emu.faults().add(FaultRule.reset("/accounts"));
        assertThatThrownBy(() -> client.get("/accounts")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void malformedJsonFaultIsA200WithTruncatedJson() {
        emu.faults().add(FaultRule.malformedJson("/accounts").times(1));
        TestClient.Reply r = client.get("/accounts");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.body()).startsWith("{\"success\":true");
        assertThatThrownBy(r::json).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void htmlFaultIsAnHtmlErrorPage() {
        emu.faults().add(FaultRule.html("/**", 502).times(1));
        TestClient.Reply r = client.get("/user/tokens/verify");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("<title>502 Bad Gateway</title>");
    }

    @Test
    void apiErrorFaultIsA200WithSuccessFalse() {
        emu.faults().add(FaultRule.apiError("/accounts", 10042, "Something specific broke").times(1));
        TestClient.Reply r = client.get("/accounts");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("errors").get(0).get("code").asInt()).isEqualTo(10042);
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("Something specific broke");
        assertThat(r.json().get("result").isNull()).isTrue();
    }

    @Test
    void methodAndPathScopeTheFault() {
        emu.faults().add(FaultRule.status("/accounts/*", 500).onMethod("post"));
        assertThat(client.get("/accounts/" + DemoWorld.PRODUCTION.id()).status()).isEqualTo(200);
        emu.faults().clear();
        emu.faults().add(FaultRule.status("/accounts/*", 500));
        assertThat(client.get("/accounts/" + DemoWorld.PRODUCTION.id()).status()).isEqualTo(500);
        assertThat(client.get("/accounts").status()).as("* stays within one segment").isEqualTo(200);
        assertThat(client.get("/accounts/" + DemoWorld.PRODUCTION.id() + "/tokens/verify").status()).isEqualTo(401);
        emu.faults().clear();
        emu.faults().add(FaultRule.status("regex:/tokens/verify$", 500));
        assertThat(client.get("/user/tokens/verify").status()).isEqualTo(500);
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void durationExpiresTheFault() {
        emu.faults().add(FaultRule.status("/user", 500).lasting(Duration.ofSeconds(10)));
        assertThat(client.get("/user").status()).isEqualTo(500);
        assertThat(client.get("/user").status()).isEqualTo(500);
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void faultsAreAddedListedAndClearedOverHttp() {
        TestClient.Reply added = client.admin("POST", "/faults", """
                {"method": "GET", "path": "/client/v4/accounts", "kind": "api_error", "status": 400,
                 "errors": [{"code": 1234, "message": "nope"}], "count": 1}""");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("id").asText()).startsWith("fault-");
        assertThat(added.json().get("rule").get("kind").asText()).isEqualTo("api_error");
        assertThat(client.admin("GET", "/faults", null).json().get("faults")).hasSize(1);

        TestClient.Reply hit = client.get("/accounts");
        assertThat(hit.status()).isEqualTo(400);
        assertThat(hit.json().get("errors").get(0).get("code").asInt()).isEqualTo(1234);

        TestClient.Reply latency = client.admin("POST", "/faults",
                "{\"path\": \"/memberships\", \"kind\": \"latency\", \"latency_ms\": 1, \"duration_ms\": 60000}");
        assertThat(latency.json().get("rule").get("latency_ms").asLong()).isEqualTo(1);
        assertThat(latency.json().get("rule").get("duration_ms").asLong()).isEqualTo(60000);
        TestClient.Reply limited = client.admin("POST", "/faults",
                "{\"path\": \"/user/**\", \"kind\": \"rate_limit\", \"retry_after_seconds\": 9}");
        assertThat(client.get("/user/tokens/verify").header("Retry-After")).isEqualTo("9");
        client.admin("DELETE", "/faults/" + limited.json().get("id").asText(), null);
        client.admin("POST", "/faults", "{\"path\": \"/**\", \"kind\": \"status\", \"status\": 502}");
        assertThat(client.get("/user").status()).isEqualTo(502);
        TestClient.Reply cleared = client.admin("DELETE", "/faults", null);
        assertThat(cleared.json().get("cleared").asInt()).isEqualTo(2);
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void invalidFaultRulesAreRejectedWithAReason() {
        TestClient.Reply unknownKind = client.admin("POST", "/faults", "{\"path\": \"/x\", \"kind\": \"explode\"}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().get("error").asText()).contains("explode");
        assertThat(client.admin("POST", "/faults", "{\"path\": \"/x\", \"kind\": \"status\", \"colour\": 1}").status())
                .isEqualTo(400);
        assertThat(client.admin("POST", "/faults", "{\"path\": \"/x\", \"kind\": \"latency\"}").status()).isEqualTo(400);
        assertThat(client.admin("POST", "/faults", "not json").status()).isEqualTo(400);
        assertThat(client.admin("POST", "/faults", "{\"path\": \"regex:(\", \"kind\": \"reset\"}").status()).isEqualTo(400);
        assertThat(emu.faults().active()).isEmpty();
    }

    @Test
    void oneFaultRemovedById() {
        String id = emu.faults().add(FaultRule.status("/user", 500));
        assertThat(client.admin("DELETE", "/faults/" + id, null).status()).isEqualTo(200);
        assertThat(client.admin("DELETE", "/faults/" + id, null).status()).isEqualTo(404);
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void faultsApplyBeforeAuthentication() {
        emu.faults().add(FaultRule.status("/accounts", 503).withErrors(List.of(new ApiError(1099, "down"))));
        assertThat(client.getWithToken("/accounts", null).status()).isEqualTo(503);
    }
}
