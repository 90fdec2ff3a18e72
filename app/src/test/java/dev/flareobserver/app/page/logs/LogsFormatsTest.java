package dev.flareobserver.app.page.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogCounters;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.TailState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsFormatsTest {

    private static final Instant T = Instant.parse("2026-11-22T10:01:02.045Z");

    @Test
    void countersReadAsOneLineWithThousandsSeparators() {
        assertThat(LogsFormats.counters(new LogCounters(123_456, 0, 0, 1_203, 1, 12_345, 412.4)))
                .isEqualTo("412 events/s · 12,345 buffered · 0 dropped · 0 sampled · 1,203 filtered · 1 gap");
        assertThat(LogsFormats.counters(new LogCounters(5, 2, 3, 0, 4, 5, 0.4)))
                .as("a quiet stream keeps a decimal so it does not read as 0")
                .isEqualTo("0.4 events/s · 5 buffered · 2 dropped · 3 sampled · 0 filtered · 4 gaps");
        assertThat(LogsFormats.counters(new LogCounters(0, 0, 0, 0, 0, 0, 10_400)))
                .startsWith("10,400 events/s");
    }

    @Test
    void countersAreLossyWhenSomethingWasDroppedSampledOrInterrupted() {
        assertThat(LogsFormats.lossy(new LogCounters(9, 0, 0, 5, 0, 9, 1))).isFalse();
        assertThat(LogsFormats.lossy(new LogCounters(9, 1, 0, 0, 0, 9, 1))).isTrue();
        assertThat(LogsFormats.lossy(new LogCounters(9, 0, 1, 0, 0, 9, 1))).isTrue();
        assertThat(LogsFormats.lossy(new LogCounters(9, 0, 0, 0, 1, 9, 1))).isTrue();
    }

    @Test
    void aGapRowSaysWhereAndWhen() {
        LogEntry gap = new LogEntry(3, T, "checkout-api", EntryKind.GAP, "gap", null, null, null, 0, "",
                LogLevel.NONE, false, "{}", T, T.plusSeconds(7));
        assertThat(LogsFormats.gap(gap, ZoneOffset.UTC))
                .isEqualTo("⚠ gap 10:01:02–10:01:09 on checkout-api: events may be missing");
    }

    @Test
    void timesHaveMilliseconds() {
        assertThat(LogsFormats.time(T, ZoneOffset.UTC)).isEqualTo("10:01:02.045");
        assertThat(LogsFormats.time(T, ZoneOffset.ofHours(2))).isEqualTo("12:01:02.045");
    }

    @Test
    void outcomesReadAsWordsAndGroupIntoThreeColours() {
        assertThat(LogsFormats.outcome("exceededCpu")).isEqualTo("CPU limit");
        assertThat(LogsFormats.outcomeClass("ok")).isEqualTo("outcome-ok");
        assertThat(LogsFormats.outcomeClass("exceededMemory")).isEqualTo("outcome-error");
        assertThat(LogsFormats.outcomeClass("canceled")).isEqualTo("outcome-canceled");
        assertThat(LogsFormats.levelClass(LogLevel.WARN)).isEqualTo("level-warn");
    }

    @Test
    void rowsShowTheUrlsPathTheHostIsTheWorkers() {
        assertThat(LogsFormats.path("https://checkout-api.example.workers.dev/cart/items?id=3"))
                .isEqualTo("/cart/items?id=3");
        assertThat(LogsFormats.path("https://example.com")).isEqualTo("/");
        assertThat(LogsFormats.path("*/5 * * * *")).isEqualTo("*/5 * * * *");
    }

    @Test
    void workerListsStayShort() {
        assertThat(LogsFormats.workers(List.of("b", "a"))).isEqualTo("a and b");
        assertThat(LogsFormats.workers(List.of("c", "a", "b", "d"))).isEqualTo("a, b and 2 more");
        assertThat(LogsFormats.newEvents(1)).isEqualTo("1 new event — resume");
    }

    @Test
    void aFailedTailSaysWhyInItsTooltip() {
        TailHealth h = new TailHealth("checkout-api", TailState.FAILED, null, 0,
                "Cloudflare has no Worker named \"checkout-api\" on this account.");
        assertThat(LogsFormats.healthClass(h.state())).isEqualTo("tail-failed");
        assertThat(LogsFormats.healthTooltip(h, ZoneOffset.UTC))
                .isEqualTo("checkout-api: failed\nCloudflare has no Worker named \"checkout-api\" on this account."
                        + "\n0 events");
    }
}
