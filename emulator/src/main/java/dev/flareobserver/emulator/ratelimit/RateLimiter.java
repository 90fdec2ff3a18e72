package dev.flareobserver.emulator.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cloudflare's client API limit, per credential: a fixed window that opens with the first request
 * (default 1200 requests / 5 minutes). The docs say that past the limit "all API calls for the next
 * five minutes will be blocked"; a fixed window reproduces that and gives the exact {@code t}
 * (seconds to reset) the {@code Ratelimit} header reports.
 */
public final class RateLimiter {

    /** The outcome of one request: allowed or not, and what the headers should say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long windowSeconds) {

        /** {@code Ratelimit: "default";r=<remaining>;t=<seconds to reset>} */
        public String rateLimitHeader() {
            return "\"default\";r=" + remaining + ";t=" + resetSeconds;
        }

        /** {@code Ratelimit-Policy: "default";q=<limit>;w=<window seconds>} */
        public String policyHeader() {
            return "\"default\";q=" + limit + ";w=" + windowSeconds;
        }

        /** Seconds until the window resets, rounded up, at least 1 (for {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, resetSeconds);
        }
    }

    private static final class Window {
        Instant start;
        int count;
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one request for {@code key} and says whether it is allowed. */
    public Decision acquire(String key) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(key, k -> new Window());
        synchronized (w) {
            if (w.start == null || !now.isBefore(w.start.plus(window))) {
                w.start = now;
                w.count = 0;
            }
            boolean allowed = w.count < limit;
            if (allowed) {
                w.count++;
            }
            long resetMillis = Duration.between(now, w.start.plus(window)).toMillis();
            long resetSeconds = (resetMillis + 999) / 1000;
            return new Decision(allowed, limit, limit - w.count, resetSeconds, windowSeconds());
        }
    }

    public long windowSeconds() {
        return (window.toMillis() + 999) / 1000;
    }

    public int limit() {
        return limit;
    }

    /** Forgets every window (admin reset). */
    public void reset() {
        windows.clear();
    }
}
