package dev.flareobserver.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    static final String OTHER = "cfut_other000000000000000000000000000000000000";

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Emulator emu;
    TestClient client;

    @BeforeEach
    void start() {
        emu = Emulator.start(EmulatorOptions.builder()
                .restRateLimit(3, Duration.ofSeconds(60))
                .accountToken(DemoWorld.PRODUCTION.id(), OTHER)
                .clock(clock)
                .build());
        client = new TestClient(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void defaultIsCloudflares1200PerFiveMinutes() {
        try (Emulator defaults = Emulator.start(EmulatorOptions.defaults())) {
            TestClient.Reply r = new TestClient(defaults).get("/user");
            assertThat(r.header("Ratelimit-Policy")).isEqualTo("\"default\";q=1200;w=300");
            assertThat(r.header("Ratelimit")).isEqualTo("\"default\";r=1199;t=300");
        }
    }

    @Test
    void headersCountDownAndThePastLimitRequestIs429WithRetryAfter() {
        assertThat(client.get("/user").header("Ratelimit")).isEqualTo("\"default\";r=2;t=60");
        clock.advance(Duration.ofMillis(10_500));
        TestClient.Reply second = client.get("/accounts");
        assertThat(second.header("Ratelimit")).isEqualTo("\"default\";r=1;t=50"); // 49.5 s rounded up
        assertThat(second.header("Ratelimit-Policy")).isEqualTo("\"default\";q=3;w=60");
        assertThat(client.get("/memberships").status()).isEqualTo(200);

        TestClient.Reply limited = client.get("/user");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("50");
        assertThat(limited.header("Ratelimit")).isEqualTo("\"default\";r=0;t=50");
        assertThat(limited.json().get("success").asBoolean()).isFalse();
        assertThat(limited.json().get("result").isNull()).isTrue();
        assertThat(limited.json().get("errors").get(0).get("code").asInt()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void eachTokenHasItsOwnWindow() {
        for (int i = 0; i < 3; i++) {
            client.get("/user");
        }
        assertThat(client.get("/user").status()).isEqualTo(429);
        assertThat(client.getWithToken("/accounts", OTHER).status()).isEqualTo(200);
    }

    @Test
    void theWindowResetsAfterItsDurationAndOnAdminReset() {
        for (int i = 0; i < 3; i++) {
            client.get("/user");
        }
        assertThat(client.get("/user").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        assertThat(client.get("/user").status()).isEqualTo(200);
        client.get("/user");
        client.get("/user");
        assertThat(client.get("/user").status()).isEqualTo(429);
        assertThat(client.admin("POST", "/reset", null).status()).isEqualTo(200);
        assertThat(client.get("/user").status()).isEqualTo(200);
    }

    @Test
    void adminEndpointsAreNotRateLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(client.admin("GET", "/stats", null).status()).isEqualTo(200);
        }
        assertThat(client.get("/user").header("Ratelimit")).isEqualTo("\"default\";r=2;t=60");
    }
}
