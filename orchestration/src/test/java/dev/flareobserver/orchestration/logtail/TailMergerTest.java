package dev.flareobserver.orchestration.logtail;

import static dev.flareobserver.orchestration.logtail.TailFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TailMergerTest {
    private static final long T0 = 1_763_800_000_000L;

    private final LogBuffer buffer = new LogBuffer(1_000_000);
    private TailMerger merger;

    @AfterEach
    void stop() {
        if (merger != null) {
            merger.close(Duration.ofSeconds(5));
        }
    }

    private static String event(String worker, long t, String path) {
        return Entries.fetch(worker, t, "GET", "https://shop.example" + path, "ok", "log", path);
    }

    @Test
    void holdsEventsForTheWindowSoThatWorkersInterleaveByTime() {
        merger = new TailMerger(buffer, Duration.ofMillis(300), "test-merge");

        merger.offer("a", 1, event("a", T0 + 30, "/3"));
        merger.offer("a", 1, event("a", T0 + 10, "/1"));
        merger.offer("b", 2, event("b", T0 + 20, "/2"));
        merger.control(LogEntries.gap(0, "b", Instant.ofEpochMilli(T0 + 15), Instant.ofEpochMilli(T0 + 25), "gap"));
        await("all four", () -> buffer.size() == 4);

        assertThat(buffer.snapshot()).extracting(e -> e.kind() == EntryKind.GAP ? "gap" : e.url())
                .containsExactly("https://shop.example/1", "gap", "https://shop.example/2", "https://shop.example/3");
        assertThat(buffer.snapshot()).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(merger.gaps()).isEqualTo(1);
        assertThat(merger.eventsOf("a")).isEqualTo(2);
    }

    @Test
    void duringAnOverlapEachEventIsKeptOnceEvenOnThreeSockets() {
        merger = new TailMerger(buffer, Duration.ofMillis(50), "test-merge");
        merger.overlapStarts("a", 1, 2);
        merger.overlapStarts("a", 2, 3);

        merger.offer("a", 1, event("a", T0, "/x"));
        merger.offer("a", 2, event("a", T0, "/x"));
        merger.offer("a", 3, event("a", T0, "/x"));
        // the same invocation content twice on one socket is two events
        merger.offer("a", 1, event("a", T0 + 1, "/y"));
        merger.offer("a", 1, event("a", T0 + 1, "/y"));
        merger.offer("a", 2, event("a", T0 + 1, "/y"));
        merger.offer("a", 2, event("a", T0 + 1, "/y"));
        merger.offer("a", 2, event("a", T0 + 2, "/z"));
        await("everything is taken in", () -> merger.received() + merger.duplicates() == 8);
        merger.generationEnded("a", 1);
        merger.generationEnded("a", 2);
        merger.offer("a", 3, event("a", T0 + 1, "/y"));
        await("the last event", () -> merger.received() == 5);
        await("appended", () -> buffer.size() == 5);

        // (the last /y came after the window: it is appended late, not dropped)
        assertThat(buffer.snapshot()).extracting(LogEntry::url).containsExactlyInAnyOrder("https://shop.example/x",
                "https://shop.example/y", "https://shop.example/y", "https://shop.example/y", "https://shop.example/z");
        assertThat(merger.duplicates()).isEqualTo(4);
    }

    @Test
    void aFullQueueRefusesInsteadOfBlockingAndEverythingIsAccountedFor() {
        merger = new TailMerger(buffer, Duration.ZERO, "test-merge");
        String frame = "{\"outcome\":\"ok\",\"eventTimestamp\":" + T0 + "}";
        int n = TailMerger.QUEUE_CAPACITY + 30_000;

        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            merger.offer("a", 1, frame);
        }
        long offerMillis = (System.nanoTime() - start) / 1_000_000;
        await("every message is either taken or refused", () -> merger.received() + merger.refused() == n);

        assertThat(merger.refused()).isPositive();
        assertThat(offerMillis).as("offering never waits for the merge thread").isLessThan(10_000);
        await("what was taken is appended", () -> buffer.size() == merger.received());
    }

    @Test
    void overloadNoticesAreCountedAsSampling() {
        merger = new TailMerger(buffer, Duration.ZERO, "test-merge");

        merger.offer("a", 1, "{\"outcome\":\"ok\",\"eventTimestamp\":" + T0 + ",\"event\":{\"message\":\"m\","
                + "\"type\":\"overload\"}}");
        await("the notice", () -> buffer.size() == 1);

        assertThat(merger.sampled()).isEqualTo(1);
        assertThat(buffer.snapshot().get(0).kind()).isEqualTo(EntryKind.NOTICE);
        assertThat(merger.eventsOf("a")).isZero();
    }
}
