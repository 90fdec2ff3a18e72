package dev.flareobserver.orchestration.logtail;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LogTailSession} behaves.
 *
 * @param bufferCapacity  entries the ring buffer keeps (oldest dropped first)
 * @param keepAlive       ping interval; no frame and no pong within it counts as silence and the tail is renewed
 * @param renewBefore     a tail is replaced this long before its {@code expires_at}
 * @param reorderWindow   how long events wait to be merged in time order across Workers
 * @param maxReconnects   reconnect attempts in a row before a Worker's tail is FAILED
 * @param firstBackoff    delay before the first reconnect (doubling, capped at 16 s like wrangler)
 */
public record LogTailOptions(int bufferCapacity, Duration keepAlive, Duration renewBefore, Duration reorderWindow,
                             int maxReconnects, Duration firstBackoff) {

    public LogTailOptions {
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be positive");
        }
        requirePositive("keepAlive", keepAlive);
        Objects.requireNonNull(renewBefore, "renewBefore");
        if (renewBefore.isNegative()) {
            throw new IllegalArgumentException("renewBefore must not be negative");
        }
        Objects.requireNonNull(reorderWindow, "reorderWindow");
        if (reorderWindow.isNegative()) {
            throw new IllegalArgumentException("reorderWindow must not be negative");
        }
        if (maxReconnects < 0) {
            throw new IllegalArgumentException("maxReconnects must not be negative");
        }
        requirePositive("firstBackoff", firstBackoff);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** 100,000 events, 10 s keep-alive (as wrangler), renew 60 s before expiry, 250 ms reorder, 5 reconnects from 1 s. */
    public static LogTailOptions defaults() {
        return new LogTailOptions(100_000, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(250), 5,
                Duration.ofSeconds(1));
    }

    public LogTailOptions withBufferCapacity(int value) {
        return new LogTailOptions(value, keepAlive, renewBefore, reorderWindow, maxReconnects, firstBackoff);
    }

    public LogTailOptions withKeepAlive(Duration value) {
        return new LogTailOptions(bufferCapacity, value, renewBefore, reorderWindow, maxReconnects, firstBackoff);
    }

    public LogTailOptions withRenewBefore(Duration value) {
        return new LogTailOptions(bufferCapacity, keepAlive, value, reorderWindow, maxReconnects, firstBackoff);
    }

    public LogTailOptions withReorderWindow(Duration value) {
        return new LogTailOptions(bufferCapacity, keepAlive, renewBefore, value, maxReconnects, firstBackoff);
    }

    public LogTailOptions withMaxReconnects(int value) {
        return new LogTailOptions(bufferCapacity, keepAlive, renewBefore, reorderWindow, value, firstBackoff);
    }

    public LogTailOptions withFirstBackoff(Duration value) {
        return new LogTailOptions(bufferCapacity, keepAlive, renewBefore, reorderWindow, maxReconnects, value);
    }

    /** Delay before reconnect attempt {@code attempt} (from 1): doubling from {@code firstBackoff}, at most 16 times it. */
    public Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 4);
        return firstBackoff.multipliedBy(1L << doublings);
    }
}
