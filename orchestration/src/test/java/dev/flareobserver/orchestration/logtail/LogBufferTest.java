package dev.flareobserver.orchestration.logtail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void keepsTheNewestWhenFullAndCountsWhatItDropped() {
        LogBuffer buffer = new LogBuffer(5);
        buffer.append(Entries.events(1, 3));
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.firstSeq()).isEqualTo(1);
        assertThat(buffer.dropped()).isZero();

        buffer.append(Entries.events(4, 4));

        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.firstSeq()).isEqualTo(3);
        assertThat(buffer.lastSeq()).isEqualTo(7);
        assertThat(buffer.dropped()).isEqualTo(2);
        assertThat(buffer.snapshot()).extracting(LogEntry::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void readsRangesAcrossTheWrapAround() {
        LogBuffer buffer = new LogBuffer(4);
        buffer.append(Entries.events(1, 10));

        assertThat(buffer.after(0, 100)).extracting(LogEntry::seq).containsExactly(7L, 8L, 9L, 10L);
        assertThat(buffer.after(7, 2)).extracting(LogEntry::seq).containsExactly(8L, 9L);
        assertThat(buffer.after(10, 5)).isEmpty();
        assertThat(buffer.dropped()).isEqualTo(6);
    }

    @Test
    void aBatchLargerThanTheBufferKeepsItsTail() {
        LogBuffer buffer = new LogBuffer(3);

        buffer.append(Entries.events(1, 8));

        assertThat(buffer.snapshot()).extracting(LogEntry::seq).containsExactly(6L, 7L, 8L);
        assertThat(buffer.dropped()).isEqualTo(5);
    }

    @Test
    void refusesEntriesOutOfSequence() {
        LogBuffer buffer = new LogBuffer(3);
        buffer.append(Entries.events(1, 2));

        assertThatThrownBy(() -> buffer.append(Entries.events(4, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(buffer.nextSeq()).isEqualTo(3);
    }

    @Test
    void clearEmptiesButSequenceNumbersGoOn() {
        LogBuffer buffer = new LogBuffer(3);
        buffer.append(Entries.events(1, 2));

        buffer.clear();

        assertThat(buffer.size()).isZero();
        assertThat(buffer.firstSeq()).isEqualTo(3);
        assertThat(buffer.snapshot()).isEmpty();
        buffer.append(Entries.events(3, 1));
        assertThat(buffer.snapshot()).extracting(LogEntry::seq).containsExactly(3L);
        assertThat(buffer.dropped()).isZero();
    }

    @Test
    void copiesDoNotChangeWhenTheBufferMovesOn() {
        LogBuffer buffer = new LogBuffer(2);
        buffer.append(Entries.events(1, 2));
        List<LogEntry> copy = buffer.snapshot();

        buffer.append(Entries.events(3, 2));

        assertThat(copy).extracting(LogEntry::seq).containsExactly(1L, 2L);
    }

    @Test
    void aHundredThousandRealisticEventsFitIn150Megabytes() {
        int n = 100_000;
        LogBuffer buffer = new LogBuffer(n);
        long before = usedHeap();
        for (int i = 0; i < n; i += 1000) {
            buffer.append(Entries.events(i + 1, 1000));
        }
        long after = usedHeap();

        assertThat(buffer.size()).isEqualTo(n);
        assertThat(buffer.snapshot().get(0).json().length()).isGreaterThan(650);
        assertThat((after - before) / (1024.0 * 1024.0)).as("MB retained by the buffer").isLessThan(150);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
