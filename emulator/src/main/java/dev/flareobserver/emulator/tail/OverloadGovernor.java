package dev.flareobserver.emulator.tail;

/**
 * The tail service's own sampling under load. It counts the events that passed a tail's filters in
 * one-second windows; once a window exceeds the threshold the tail is in sampling mode and keeps each
 * event with probability threshold / rate (rate: the larger of this window's count so far and the last
 * window's), so about the threshold per second gets through whatever the volume. A window that ends at
 * or under the threshold leaves sampling mode. The real service's threshold and window are unconfirmed.
 * Not thread-safe: its tail's lock guards it.
 */
final class OverloadGovernor {

    enum Change { NONE, ENTERED, EXITED }

    private static final long SECOND = 1_000_000_000L;

    private final int threshold;
    private boolean started;
    private long windowStart;
    private long offered;
    private long previousOffered;
    private boolean sampling;

    OverloadGovernor(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
    }

    /** Moves the window to {@code nanoTime}; EXITED when a calm window just ended sampling mode. */
    Change roll(long nanoTime) {
        if (!started) {
            started = true;
            windowStart = nanoTime;
            return Change.NONE;
        }
        long elapsed = nanoTime - windowStart;
        if (elapsed < SECOND) {
            return Change.NONE;
        }
        // A gap of more than one window means the last full window saw nothing.
        boolean adjacent = elapsed < 2 * SECOND;
        previousOffered = adjacent ? offered : 0;
        offered = 0;
        windowStart = adjacent ? windowStart + SECOND : nanoTime;
        if (sampling && previousOffered <= threshold) {
            sampling = false;
            return Change.EXITED;
        }
        return Change.NONE;
    }

    /** Counts one event that passed the filters; ENTERED when it tips the tail into sampling mode. */
    Change count() {
        offered++;
        if (!sampling && offered > threshold) {
            sampling = true;
            return Change.ENTERED;
        }
        return Change.NONE;
    }

    /** The share of events kept now: 1 outside sampling mode. */
    double keepFraction() {
        if (!sampling) {
            return 1;
        }
        return threshold / (double) Math.max(threshold, Math.max(offered, previousOffered));
    }

    boolean sampling() {
        return sampling;
    }
}
