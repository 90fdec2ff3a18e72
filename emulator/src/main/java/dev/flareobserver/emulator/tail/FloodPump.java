package dev.flareobserver.emulator.tail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A burst of extra events for load tests ({@code POST /__emulator/tails/flood}): a pool of a Worker's
 * real simulated events, each framed once, replayed round-robin to that Worker's connected tails
 * through their filters and sampling, at a given rate or as fast as the sockets drain. Per frame it
 * only filters and copies bytes into a batch, so a flood outruns any client it feeds.
 */
final class FloodPump {

    /** What a flood did: frames sent are event frames queued on sockets, over all tails. */
    record Result(String script, int tails, long requested, long sent, long filtered, long sampledOut,
                  long stalled, long elapsedMs) {
    }

    /** Buffers (up to 64 KiB) queued on a socket before the flood waits for the client to read. */
    private static final int MAX_BACKLOG = 64;
    /** A client that reads nothing for this long is given up on for the rest of the flood. */
    private static final long STALL_NANOS = 10_000_000_000L;

    private final Clock clock;

    FloodPump(Clock clock) {
        this.clock = clock;
    }

    private static final class Target {
        final Tail tail;
        final TailConnection connection;
        boolean alive = true;
        long stalled;

        Target(Tail tail, TailConnection connection) {
            this.tail = tail;
            this.connection = connection;
        }
    }

    /**
     * Sends {@code events} frames from {@code pool} to each tail; returns when all are queued.
     *
     * @param rate events per second, 0 for as fast as the sockets take them
     */
    Result flood(String script, List<Tail> tails, List<TailEvent> pool, long events, int rate) {
        for (TailEvent e : pool) {
            e.frame(); // render up front: the loop below must only copy bytes
        }
        List<Target> targets = new ArrayList<>();
        for (Tail t : tails) {
            TailConnection c = t.connection();
            if (c != null && c.isOpen() && !t.isExpired(clock.instant())) {
                targets.add(new Target(t, c));
            }
        }
        long sent = 0;
        long filtered = 0;
        long sampledOut = 0;
        long start = System.nanoTime();
        long nanoTime = start;
        int size = pool.size();
        for (long i = 0; i < events && !targets.isEmpty() && size > 0; i++) {
            if (rate > 0) {
                long due = start + (long) (i * (1_000_000_000.0 / rate));
                if (due - System.nanoTime() > 200_000) {
                    flushAll(targets);
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            if ((i & 255) == 0) {
                nanoTime = System.nanoTime();
                if ((i & 4095) == 0) {
                    expireCheck(targets);
                }
            }
            TailEvent e = pool.get((int) (i % size));
            for (Target t : targets) {
                if (!t.alive) {
                    continue;
                }
                if ((i & 63) == 0 && !drained(t)) {
                    continue;
                }
                switch (t.tail.offer(e, t.connection, nanoTime)) {
                    case SENT -> sent++;
                    case FILTERED -> filtered++;
                    case SAMPLED_OUT -> sampledOut++;
                    case CLOSED -> t.alive = false;
                }
            }
        }
        flushAll(targets);
        long stalled = targets.stream().mapToLong(t -> t.stalled).sum();
        return new Result(script, targets.size(), events, sent, filtered, sampledOut, stalled,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Waits while the socket has a full backlog; false when the client gave up reading (or closed). */
    private static boolean drained(Target t) {
        if (t.connection.queuedBuffers() <= MAX_BACKLOG) {
            return true;
        }
        t.connection.flush();
        long since = System.nanoTime();
        while (t.connection.queuedBuffers() > MAX_BACKLOG) {
            if (!t.connection.isOpen() || System.nanoTime() - since > STALL_NANOS) {
                t.alive = false;
                t.stalled++;
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }

    private void expireCheck(List<Target> targets) {
        var now = clock.instant();
        for (Target t : targets) {
            if (t.tail.isExpired(now)) {
                t.alive = false;
            }
        }
    }

    private static void flushAll(List<Target> targets) {
        for (Target t : targets) {
            if (t.alive && !t.connection.flush()) {
                t.alive = false;
            }
        }
    }
}
