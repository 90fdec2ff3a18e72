package dev.flareobserver.app.page.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.monitor.Health;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkerFormatsTest {

    @Test
    void unitsAreAlwaysShownAndUnknownIsADashNotAZero() {
        assertThat(WorkerFormats.millis(null)).isEqualTo("—");
        assertThat(WorkerFormats.millis(0.42)).isEqualTo("0.42 ms");
        assertThat(WorkerFormats.millis(4.25)).isEqualTo("4.3 ms");
        assertThat(WorkerFormats.millis(1234.0)).isEqualTo("1,234 ms");
        assertThat(WorkerFormats.percent(null)).isEqualTo("—");
        assertThat(WorkerFormats.percent(0.0)).isEqualTo("0 %");
        assertThat(WorkerFormats.percent(0.0004)).isEqualTo("<0.1 %");
        assertThat(WorkerFormats.percent(0.024)).isEqualTo("2.4 %");
        assertThat(WorkerFormats.percent(0.25)).isEqualTo("25 %");
        assertThat(WorkerFormats.perSecond(0.5)).isEqualTo("0.50");
        assertThat(WorkerFormats.perSecond(12.34)).isEqualTo("12.3");
        assertThat(WorkerFormats.perSecond(1234)).isEqualTo("1,234");
        assertThat(WorkerFormats.perMinute(null)).isEqualTo("—");
        assertThat(WorkerFormats.perMinute(12345.0)).isEqualTo("12,345 req/min");
    }

    @Test
    void timesReadRelativeAndStaleDataSaysHowOld() {
        Instant now = Instant.parse("2025-03-04T12:00:00Z");
        assertThat(WorkerFormats.ago(null, now)).isEqualTo("—");
        assertThat(WorkerFormats.ago(now.minusSeconds(20), now)).isEqualTo("just now");
        assertThat(WorkerFormats.ago(now.minusSeconds(12 * 60 + 5), now)).isEqualTo("12 m ago");
        assertThat(WorkerFormats.ago(now.minus(Duration.ofHours(3)), now)).isEqualTo("3 h ago");
        assertThat(WorkerFormats.ago(now.minus(Duration.ofDays(4)), now)).isEqualTo("4 d ago");
        assertThat(WorkerFormats.stale(Duration.ofSeconds(130))).isEqualTo("stale · 2 m old");
        assertThat(WorkerFormats.stale(null)).isEqualTo("stale");
    }

    @Test
    void healthHasAWordAndAStyleClassAndTheWorstSortsHighest() {
        assertThat(WorkerFormats.health(Health.CRITICAL)).isEqualTo("Critical");
        assertThat(WorkerFormats.healthStyle(Health.QUIET)).isEqualTo("health-quiet");
        assertThat(HealthBadge.of(Health.CRITICAL, false)).isGreaterThan(HealthBadge.of(Health.WARN, true));
        assertThat(HealthBadge.of(Health.OK, true).text()).isEqualTo("OK · spike");
    }
}
