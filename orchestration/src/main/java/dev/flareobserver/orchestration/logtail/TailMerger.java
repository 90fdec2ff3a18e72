package dev.flareobserver.orchestration.logtail;

import dev.flareobserver.api.workers.TailEvent;
import dev.flareobserver.api.workers.TailEventParseException;
import dev.flareobserver.api.workers.TailEventParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that turns raw tail messages of all Workers into entries of the {@link LogBuffer}:
 * parse (off the socket threads), drop the copies a renewal overlap delivers twice, hold each entry for
 * the reorder window so that Workers interleave by {@code eventTimestamp}, and append in batches.
 * Sockets hand messages over with a non-blocking offer: when the queue is full the message is counted
 * as refused, never waited for.
 */
final class TailMerger {
    private static final Logger LOG = LoggerFactory.getLogger(TailMerger.class);
    static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 4_096;
    private static final long IDLE_WAIT_MS = 100;
    private static final int RATE_SECONDS = 5;
    private static final Frame WAKE = new Frame(null, 0, null, 0, 0);

    private record Frame(String worker, long generation, String json, long arrivalNanos, long receivedMillis) {
    }

    /** An entry waiting in the reorder window. */
    private static final class Pending {
        final long timeMillis;
        final long arrivalNanos;
        final long order;
        final String worker;
        final TailEvent event;
        final String json;
        final LogEntry ready;
        final Instant received;
        boolean released;

        Pending(long timeMillis, long arrivalNanos, long order, String worker, TailEvent event, String json,
                LogEntry ready, Instant received) {
            this.timeMillis = timeMillis;
            this.arrivalNanos = arrivalNanos;
            this.order = order;
            this.worker = worker;
            this.event = event;
            this.json = json;
            this.ready = ready;
            this.received = received;
        }
    }

    /**
     * The sockets of one Worker that overlap during a renewal, with how often each delivered each event.
     * An event is a copy when another of these sockets already delivered it at least as often; counting
     * (rather than pairing) also holds when three sockets overlap briefly. Kept only while two or more
     * sockets are open, so a single tail costs nothing.
     */
    private static final class Overlap {
        final Map<Long, Map<TailEvent, Integer>> seen = new HashMap<>();

        boolean isCopy(long gen, TailEvent event) {
            Map<TailEvent, Integer> mine = seen.get(gen);
            if (mine == null) {
                return false;
            }
            int count = mine.merge(event, 1, Integer::sum);
            for (Map.Entry<Long, Map<TailEvent, Integer>> other : seen.entrySet()) {
                if (other.getKey() != gen && other.getValue().getOrDefault(event, 0) >= count) {
                    return true;
                }
            }
            return false;
        }
    }

    private final LogBuffer buffer;
    private final long windowNanos;
    private final TailEventParser parser = new TailEventParser();
    private final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Queue<Runnable> controls = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    // Merge thread only.
    private final PriorityQueue<Pending> byTime = new PriorityQueue<>((a, b) -> a.timeMillis != b.timeMillis
            ? Long.compare(a.timeMillis, b.timeMillis) : Long.compare(a.order, b.order));
    private final ArrayDeque<Pending> byArrival = new ArrayDeque<>();
    private final Map<String, Overlap> overlaps = new HashMap<>();
    private final Set<String> reportedMalformed = new HashSet<>();
    private long order;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Map<String, AtomicLong> perWorker = new ConcurrentHashMap<>();
    private final AtomicLongArray rateCounts = new AtomicLongArray(RATE_SECONDS + 2);
    private final AtomicLongArray rateSeconds = new AtomicLongArray(RATE_SECONDS + 2);
    private final long startedMillis = System.currentTimeMillis();

    TailMerger(LogBuffer buffer, Duration reorderWindow, String threadName) {
        this.buffer = buffer;
        this.windowNanos = reorderWindow.toNanos();
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** From a socket's dispatch thread: never blocks. */
    void offer(String worker, long generation, String json) {
        if (!running || !frames.offer(new Frame(worker, generation, json, System.nanoTime(),
                System.currentTimeMillis()))) {
            refused.incrementAndGet();
        }
    }

    /** A GAP or NOTICE made by the session (its seq is assigned on append). */
    void control(LogEntry entry) {
        submit(() -> {
            if (entry.kind() == EntryKind.GAP) {
                gaps.incrementAndGet();
            }
            long now = System.nanoTime();
            add(new Pending(entry.time().toEpochMilli(), now, order++, entry.worker(), null, null, entry, null));
        });
    }

    /** From now on, events of these two sockets of the Worker are compared for copies. */
    void overlapStarts(String worker, long oldGen, long newGen) {
        submit(() -> {
            Overlap overlap = overlaps.computeIfAbsent(worker, w -> new Overlap());
            overlap.seen.computeIfAbsent(oldGen, g -> new HashMap<>());
            overlap.seen.computeIfAbsent(newGen, g -> new HashMap<>());
        });
    }

    /** The socket delivers no more (what it sent has arrived); with one socket left, comparing stops. */
    void generationEnded(String worker, long gen) {
        submit(() -> {
            Overlap overlap = overlaps.get(worker);
            if (overlap != null) {
                overlap.seen.remove(gen);
                if (overlap.seen.size() < 2) {
                    overlaps.remove(worker);
                }
            }
        });
    }

    private void submit(Runnable control) {
        controls.add(control);
        frames.offer(WAKE);
    }

    long received() {
        return received.get();
    }

    long refused() {
        return refused.get();
    }

    long sampled() {
        return sampled.get();
    }

    long gaps() {
        return gaps.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long malformed() {
        return malformed.get();
    }

    long eventsOf(String worker) {
        AtomicLong n = perWorker.get(worker);
        return n == null ? 0 : n.get();
    }

    /** Events received per second over the last few whole seconds (fewer right after the start). */
    double eventsPerSecond() {
        long nowSecond = System.currentTimeMillis() / 1000;
        long sum = 0;
        for (int i = 1; i <= RATE_SECONDS; i++) {
            long second = nowSecond - i;
            int slot = (int) (second % rateCounts.length());
            if (rateSeconds.get(slot) == second) {
                sum += rateCounts.get(slot);
            }
        }
        long elapsed = Math.min(RATE_SECONDS, nowSecond - startedMillis / 1000);
        return elapsed <= 0 ? 0 : (double) sum / elapsed;
    }

    /** Stops after appending everything still queued or waiting; waits at most {@code wait}. */
    void close(Duration wait) {
        running = false;
        frames.offer(WAKE);
        try {
            thread.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The tail merge thread did not stop in time");
            thread.interrupt();
        }
    }

    private void run() {
        List<Frame> batch = new ArrayList<>(BATCH);
        try {
            while (running) {
                Frame first = frames.poll(waitNanos(), TimeUnit.NANOSECONDS);
                runControls();
                if (first != null) {
                    batch.add(first);
                    frames.drainTo(batch, BATCH - 1);
                    for (Frame f : batch) {
                        if (f != WAKE) {
                            ingest(f);
                        }
                    }
                    batch.clear();
                }
                release(false);
            }
            // Closing: take in what is still queued and let nothing wait for the window.
            frames.drainTo(batch);
            runControls();
            for (Frame f : batch) {
                if (f != WAKE) {
                    ingest(f);
                }
            }
            release(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The tail merge thread failed; no more events are added", e);
            running = false;
        }
    }

    private void runControls() {
        Runnable c;
        while ((c = controls.poll()) != null) {
            c.run();
        }
    }

    private long waitNanos() {
        Pending head = byTime.peek();
        if (head == null) {
            return TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MS);
        }
        long due = head.arrivalNanos + windowNanos - System.nanoTime();
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), due);
    }

    private void ingest(Frame f) {
        TailEvent event;
        try {
            event = parser.parse(f.json());
        } catch (TailEventParseException e) {
            malformed.incrementAndGet();
            if (reportedMalformed.add(f.worker())) {
                LOG.warn("A message on the tail of {} is not a tail event and was skipped: {}", f.worker(),
                        e.getMessage());
                Instant now = Instant.ofEpochMilli(f.receivedMillis());
                add(new Pending(now.toEpochMilli(), f.arrivalNanos(), order++, f.worker(), null, null,
                        LogEntries.notice(0, f.worker(), now, "A message from Cloudflare could not be read and was "
                                + "skipped (" + e.problem() + "); later ones like it are only counted."), null));
            } else {
                LOG.debug("Skipped another unreadable message on the tail of {}: {}", f.worker(), e.problem());
            }
            return;
        }
        Overlap overlap = overlaps.get(f.worker());
        if (overlap != null && overlap.isCopy(f.generation(), event)) {
            duplicates.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        countRate(f.receivedMillis());
        if (event.isOverload()) {
            sampled.incrementAndGet();
        }
        long time = event.eventTimestamp() > 0 ? event.eventTimestamp() : f.receivedMillis();
        add(new Pending(time, f.arrivalNanos(), order++, f.worker(), event, f.json(), null,
                event.eventTimestamp() > 0 ? null : Instant.ofEpochMilli(f.receivedMillis())));
    }

    private void add(Pending p) {
        byTime.add(p);
        byArrival.add(p);
    }

    /**
     * Appends, in time order, what has waited out the window. The earliest entry leaves first; if something
     * keeps arriving with older timestamps, anything older than twice the window is let out anyway.
     */
    private void release(boolean all) {
        long now = System.nanoTime();
        List<LogEntry> out = null;
        long seq = buffer.nextSeq();
        while (!byTime.isEmpty()) {
            Pending head = byTime.peek();
            boolean due = all || now - head.arrivalNanos >= windowNanos || overdue(now);
            if (!due) {
                break;
            }
            byTime.poll();
            head.released = true;
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(entry(head, seq++));
        }
        while (!byArrival.isEmpty() && byArrival.peekFirst().released) {
            byArrival.pollFirst();
        }
        if (out != null) {
            buffer.append(out);
        }
    }

    private boolean overdue(long now) {
        while (!byArrival.isEmpty() && byArrival.peekFirst().released) {
            byArrival.pollFirst();
        }
        Pending oldest = byArrival.peekFirst();
        return oldest != null && now - oldest.arrivalNanos >= 2 * windowNanos;
    }

    private LogEntry entry(Pending p, long seq) {
        if (p.ready != null) {
            return LogEntries.withSeq(p.ready, seq);
        }
        LogEntry e = LogEntries.fromEvent(seq, p.worker, p.event, p.json, p.received);
        if (e.kind() == EntryKind.EVENT) {
            perWorker.computeIfAbsent(p.worker, w -> new AtomicLong()).incrementAndGet();
        }
        return e;
    }

    private void countRate(long receivedMillis) {
        long second = receivedMillis / 1000;
        int slot = (int) (second % rateCounts.length());
        if (rateSeconds.get(slot) != second) {
            rateSeconds.set(slot, second);
            rateCounts.set(slot, 0);
        }
        rateCounts.incrementAndGet(slot);
    }
}
