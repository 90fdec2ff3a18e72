package dev.flareobserver.orchestration.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LogViewTest {

    private static ClientFilter outcome(String outcome) {
        return new ClientFilter("", false, LogLevel.NONE, Set.of(), Set.of(outcome));
    }

    @Test
    void eachPollLooksOnlyAtWhatIsNew() {
        LogBuffer buffer = new LogBuffer(100);
        LogView view = new LogView(buffer, outcome("exception"));
        buffer.append(Entries.events(1, 10));

        ViewUpdate first = view.poll(1000);
        buffer.append(Entries.events(11, 10));
        ViewUpdate second = view.poll(1000);
        ViewUpdate third = view.poll(1000);

        assertThat(first.reset()).isFalse();
        assertThat(first.added()).extracting(LogEntry::seq).containsExactly(5L, 10L);
        assertThat(second.added()).extracting(LogEntry::seq).containsExactly(15L, 20L);
        assertThat(third.isEmpty()).isTrue();
        assertThat(view.size()).isEqualTo(4);
        assertThat(view.hidden()).isEqualTo(16);
    }

    @Test
    void aNewFilterRescansOnceAndResets() {
        LogBuffer buffer = new LogBuffer(100);
        LogView view = new LogView(buffer, ClientFilter.all());
        buffer.append(Entries.events(1, 20));
        assertThat(view.poll(1000).added()).hasSize(20);

        view.setFilter(new ClientFilter("item/1", false, LogLevel.NONE, Set.of(), Set.of()));
        ViewUpdate reset = view.poll(1000);
        ViewUpdate after = view.poll(1000);

        assertThat(reset.reset()).isTrue();
        assertThat(reset.removedFromHead()).isZero();
        // item/1, item/10 .. item/19
        assertThat(reset.added()).extracting(LogEntry::seq)
                .containsExactly(1L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
        assertThat(after.isEmpty()).isTrue();
        assertThat(view.filter().text()).isEqualTo("item/1");
        assertThat(view.hidden()).isEqualTo(9);
    }

    @Test
    void evictionsRemoveFromTheHeadOnlyWhatWasShown() {
        LogBuffer buffer = new LogBuffer(10);
        LogView view = new LogView(buffer, outcome("exception"));
        buffer.append(Entries.events(1, 10));
        assertThat(view.poll(1000).added()).extracting(LogEntry::seq).containsExactly(5L, 10L);

        buffer.append(Entries.events(11, 6));
        ViewUpdate update = view.poll(1000);

        // 1..6 dropped: only 5 was shown
        assertThat(update.removedFromHead()).isEqualTo(1);
        assertThat(update.added()).extracting(LogEntry::seq).containsExactly(15L);
        assertThat(view.size()).isEqualTo(2);
        assertThat(view.hidden()).isEqualTo(8);
    }

    @Test
    void entriesDroppedBeforeTheViewSawThemAreSkipped() {
        LogBuffer buffer = new LogBuffer(5);
        LogView view = new LogView(buffer, ClientFilter.all());
        buffer.append(Entries.events(1, 3));
        assertThat(view.poll(1000).added()).hasSize(3);

        buffer.append(Entries.events(4, 12));
        ViewUpdate update = view.poll(1000);

        assertThat(update.removedFromHead()).isEqualTo(3);
        assertThat(update.added()).extracting(LogEntry::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(view.size()).isEqualTo(5);
    }

    @Test
    void aLimitedPollLeavesTheRestForTheNext() {
        LogBuffer buffer = new LogBuffer(100);
        LogView view = new LogView(buffer, ClientFilter.all());
        buffer.append(Entries.events(1, 25));

        assertThat(view.poll(10).added()).extracting(LogEntry::seq).startsWith(1L).endsWith(10L);
        assertThat(view.poll(10).added()).extracting(LogEntry::seq).startsWith(11L).endsWith(20L);
        assertThat(view.poll(10).added()).extracting(LogEntry::seq).startsWith(21L).endsWith(25L);
    }

    @Test
    void clearingTheBufferEmptiesTheView() {
        LogBuffer buffer = new LogBuffer(100);
        LogView view = new LogView(buffer, ClientFilter.all());
        buffer.append(Entries.events(1, 4));
        view.poll(1000);

        buffer.clear();
        ViewUpdate update = view.poll(1000);

        assertThat(update.removedFromHead()).isEqualTo(4);
        assertThat(view.size()).isZero();
        assertThat(view.hidden()).isZero();
    }

    @Test
    void gapsAndNoticesPassWheneverTheirWorkerDoes() {
        LogBuffer buffer = new LogBuffer(100);
        LogView view = new LogView(buffer, new ClientFilter("nothing matches this", false, LogLevel.ERROR,
                Set.of("checkout"), Set.of("exception")));
        java.time.Instant t = java.time.Instant.parse("2026-11-22T10:00:00Z");
        buffer.append(java.util.List.of(
                LogEntries.gap(1, "checkout", t, t.plusSeconds(5), "lost"),
                LogEntries.notice(2, "search", t, "sampling"),
                LogEntries.notice(3, "checkout", t, "filters changed")));

        assertThat(view.poll(1000).added()).extracting(LogEntry::seq).containsExactly(1L, 3L);
    }
}
