package dev.flareobserver.emulator;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up time in-process with in-memory state. The first start in a fresh JVM pays for loading
 * SQLite's native library and Jackson (bound loosely: CI machines vary, and other test classes may
 * already have warmed this JVM); a start in a warm JVM must be well under the 300 ms budget.
 */
class StartupTest {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTest.class);

    @Test
    void startsQuicklyAndAnswersAtOnce() {
        Duration cold;
        try (Emulator first = Emulator.start(EmulatorOptions.defaults())) {
            cold = first.startupTime();
            assertThat(new TestClient(first).get("/user/tokens/verify").status()).isEqualTo(200);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            try (Emulator warm = Emulator.start(EmulatorOptions.defaults())) {
                best = Math.min(best, System.nanoTime() - t0);
                assertThat(warm.startupTime()).isPositive();
            }
        }
        LOG.info("Emulator start-up: first start in this test {} ms, best warm {} ms", cold.toMillis(), best / 1_000_000);
        assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofMillis(300));
        assertThat(cold).isLessThan(Duration.ofSeconds(5));
    }
}
