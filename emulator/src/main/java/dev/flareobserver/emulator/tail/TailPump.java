package dev.flareobserver.emulator.tail;

import dev.flareobserver.emulator.traffic.TrafficSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The live stream: each tick hands every connected, unexpired tail the simulated invocations with
 * {@code lastTick < timestamp <= now} of its Worker, so a tail sees what the analytics will count, and the output
 * its Worker's containers wrote since the last tick.
 */
final class TailPump implements Runnable {

    static final long TICK_MILLIS = 150;
    /**
     * Buffers (up to 64 KiB each) a socket may hold unsent before its tail skips ticks: a client that
     * stopped reading loses events rather than the emulator's memory.
     */
    static final int MAX_BACKLOG = 256;
    /** The most a tail catches up on: a clock jump or a stalled pump must not replay hours of traffic. */
    static final Duration MAX_CATCH_UP = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TailPump.class);

    private final TailRegistry registry;
    private final TailEventSource source;
    private final ContainerOutput containerOutput;
    private final Clock clock;

    TailPump(TailRegistry registry, TailEventSource source, ContainerOutput containerOutput, Clock clock) {
        this.registry = registry;
        this.source = source;
        this.containerOutput = containerOutput;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            pump();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log, and keep the stream going.
            LOG.error("Tail pump tick failed", e);
        }
    }

    void pump() {
        Instant now = clock.instant();
        long nanoTime = System.nanoTime();
        java.util.Map<String, java.util.List<TailEvent>> containers = new java.util.HashMap<>();
        for (ContainerOutput.Batch b : containerOutput.drain()) {
            containers.computeIfAbsent(b.accountId() + '/' + b.scriptName(), k -> new java.util.ArrayList<>()).add(b.event());
        }
        for (Tail tail : registry.all()) {
            TailConnection c = tail.connection();
            if (c == null || !c.isOpen() || tail.isExpired(now)) {
                continue;
            }
            Instant from = tail.advanceCursor(now);
            if (from == null || c.queuedBuffers() > MAX_BACKLOG) {
                continue;
            }
            Instant earliest = now.minus(MAX_CATCH_UP);
            Instant since = from.isBefore(earliest) ? earliest : from;
            for (TailEvent e : source.between(tail.accountId(), tail.scriptName(), since, now)) {
                if (tail.offer(e, c, nanoTime) == Tail.Delivery.CLOSED) {
                    break;
                }
            }
            for (TailEvent e : containers.getOrDefault(tail.accountId() + '/' + tail.scriptName(), java.util.List.of())) {
                if (tail.offer(e, c, nanoTime) == Tail.Delivery.CLOSED) {
                    break;
                }
            }
            tail.tick(c, nanoTime);
            c.flush();
        }
        source.evictBefore(TrafficSimulator.epochMinute(now) - 1);
    }
}
