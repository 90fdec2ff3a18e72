package dev.flareobserver.orchestration.logtail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A client-filtered view over a {@link LogBuffer}, maintained incrementally: each {@link #poll()} looks
 * only at entries appended since the last one (and at what the buffer dropped); changing the filter
 * rescans what the buffer holds once. Meant for one reader (the UI's frame pulse).
 */
public final class LogView {

    /** Entries looked at per poll at most, so a rescan of a full buffer is spread over a few frames. */
    static final int SCAN_BUDGET = 50_000;
    private static final int CHUNK = 4_096;

    private final LogBuffer buffer;
    private final Object lock = new Object();
    private volatile ClientFilter filter;
    private volatile ClientFilter pending;

    // Guarded by lock: the view accounts for seqs [base, scannedTo]; shown holds those it shows.
    private Predicate<LogEntry> predicate;
    private long base;
    private long scannedTo;
    private final SeqQueue shown = new SeqQueue();

    public LogView(LogBuffer buffer, ClientFilter filter) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.filter = filter == null ? ClientFilter.all() : filter;
        this.predicate = this.filter.predicate();
        long first = buffer.firstSeq();
        this.base = first;
        this.scannedTo = first - 1;
    }

    public LogView(LogBuffer buffer) {
        this(buffer, ClientFilter.all());
    }

    public ClientFilter filter() {
        ClientFilter next = pending;
        return next != null ? next : filter;
    }

    /** Takes effect at the next {@link #poll(int)}, which then returns a reset. Safe from any thread. */
    public void setFilter(ClientFilter filter) {
        pending = filter == null ? ClientFilter.all() : filter;
    }

    /** {@link #poll(int)} with no limit on added entries (beyond the scan budget). */
    public ViewUpdate poll() {
        return poll(Integer.MAX_VALUE);
    }

    /** What changed since the last poll; at most {@code maxAdded} new entries (the rest come next time). */
    public ViewUpdate poll(int maxAdded) {
        synchronized (lock) {
            boolean reset = false;
            ClientFilter next = pending;
            if (next != null) {
                pending = null;
                filter = next;
                predicate = next.predicate();
                shown.clear();
                base = buffer.firstSeq();
                scannedTo = base - 1;
                reset = true;
            }
            int removed = evict(buffer.firstSeq());
            List<LogEntry> added = new ArrayList<>();
            int budget = SCAN_BUDGET;
            while (added.size() < maxAdded && budget > 0) {
                List<LogEntry> chunk = buffer.after(scannedTo, Math.min(CHUNK, budget));
                if (chunk.isEmpty()) {
                    break;
                }
                if (chunk.get(0).seq() > scannedTo + 1) {
                    // The buffer dropped entries we had not reached yet: nothing of them was shown.
                    removed += evict(chunk.get(0).seq());
                }
                for (LogEntry e : chunk) {
                    budget--;
                    scannedTo = e.seq();
                    if (predicate.test(e)) {
                        shown.add(e.seq());
                        added.add(e);
                        if (added.size() >= maxAdded) {
                            break;
                        }
                    }
                }
            }
            if (reset) {
                // A reset replaces everything shown, so what it evicted needs no separate removal.
                return new ViewUpdate(true, 0, List.copyOf(added));
            }
            return new ViewUpdate(false, removed, List.copyOf(added));
        }
    }

    /** Entries currently shown by this view. */
    public int size() {
        synchronized (lock) {
            return shown.size();
        }
    }

    /** Entries of the buffer this filter hides right now (of those the view has looked at). */
    public long hidden() {
        synchronized (lock) {
            return Math.max(0, scannedTo - base + 1 - shown.size());
        }
    }

    /** Forgets shown entries older than {@code firstHeld}; returns how many of them were shown. */
    private int evict(long firstHeld) {
        if (firstHeld <= base) {
            return 0;
        }
        int removed = 0;
        while (!shown.isEmpty() && shown.first() < firstHeld) {
            shown.removeFirst();
            removed++;
        }
        base = firstHeld;
        if (scannedTo < firstHeld - 1) {
            scannedTo = firstHeld - 1;
        }
        return removed;
    }

    /** A growable ring of sequence numbers (primitive longs: 100,000 boxed Longs would cost megabytes). */
    private static final class SeqQueue {
        private long[] items = new long[1024];
        private int head;
        private int size;

        void add(long seq) {
            if (size == items.length) {
                long[] grown = new long[items.length * 2];
                for (int i = 0; i < size; i++) {
                    grown[i] = items[(head + i) % items.length];
                }
                items = grown;
                head = 0;
            }
            items[(head + size) % items.length] = seq;
            size++;
        }

        long first() {
            return items[head];
        }

        void removeFirst() {
            head = (head + 1) % items.length;
            size--;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        void clear() {
            head = 0;
            size = 0;
        }
    }
}
