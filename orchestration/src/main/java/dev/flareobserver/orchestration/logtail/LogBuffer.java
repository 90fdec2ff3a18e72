package dev.flareobserver.orchestration.logtail;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The bounded ring buffer of the merged stream: one writer (the session's merge thread) appends,
 * readers on other threads copy out ranges by sequence number. When full, the oldest entries are
 * dropped (and counted). Never blocks the writer for longer than a copy.
 */
public final class LogBuffer {

    private final LogEntry[] ring;
    private final Object lock = new Object();
    // Guarded by lock. Entry with seq s lives at ring[(s - 1) % capacity].
    private long firstSeq = 1;
    private long lastSeq;
    private long dropped;

    public LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ring = new LogEntry[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** Appends entries (their seq must follow {@link #lastSeq()}). */
    public void append(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        synchronized (lock) {
            long expected = lastSeq + 1;
            for (LogEntry e : entries) {
                if (e.seq() != expected) {
                    throw new IllegalArgumentException("Entry seq " + e.seq() + " does not follow " + (expected - 1));
                }
                expected++;
            }
            for (LogEntry e : entries) {
                long seq = e.seq();
                ring[index(seq)] = e;
                lastSeq = seq;
                if (lastSeq - firstSeq + 1 > ring.length) {
                    firstSeq++;
                    dropped++;
                }
            }
        }
    }

    /** The seq the next appended entry must carry. */
    public long nextSeq() {
        synchronized (lock) {
            return lastSeq + 1;
        }
    }

    /** Sequence number of the oldest entry held, or {@code lastSeq() + 1} when empty. */
    public long firstSeq() {
        synchronized (lock) {
            return firstSeq;
        }
    }

    /** Sequence number of the newest entry, or 0 before the first. */
    public long lastSeq() {
        synchronized (lock) {
            return lastSeq;
        }
    }

    public int size() {
        synchronized (lock) {
            return (int) (lastSeq - firstSeq + 1);
        }
    }

    /** Entries dropped so far because the buffer was full. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Up to {@code max} entries with {@code seq > afterSeq} still held, oldest first. */
    public List<LogEntry> after(long afterSeq, int max) {
        synchronized (lock) {
            long from = Math.max(afterSeq + 1, firstSeq);
            if (from > lastSeq || max <= 0) {
                return List.of();
            }
            int count = (int) Math.min(max, lastSeq - from + 1);
            return copy(from, count);
        }
    }

    /** Everything held, oldest first. */
    public List<LogEntry> snapshot() {
        synchronized (lock) {
            return copy(firstSeq, (int) (lastSeq - firstSeq + 1));
        }
    }

    /** Forgets every entry; sequence numbers keep counting, so readers see the clear as evictions. */
    public void clear() {
        synchronized (lock) {
            Arrays.fill(ring, null);
            firstSeq = lastSeq + 1;
        }
    }

    private List<LogEntry> copy(long from, int count) {
        if (count <= 0) {
            return List.of();
        }
        LogEntry[] out = new LogEntry[count];
        int start = index(from);
        int firstPart = Math.min(count, ring.length - start);
        System.arraycopy(ring, start, out, 0, firstPart);
        if (firstPart < count) {
            System.arraycopy(ring, 0, out, firstPart, count - firstPart);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    private int index(long seq) {
        return (int) ((seq - 1) % ring.length);
    }

    /** For tests and diagnostics. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "LogBuffer[" + firstSeq + ".." + lastSeq + ", capacity " + ring.length + ", dropped " + dropped + "]";
        }
    }
}
