package dev.flareobserver.orchestration.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the data shown is older than it should be: the last refresh failed (or was not sent), so the last
 * good data is kept. {@code lastSuccess} is null when nothing was ever loaded.
 */
public record Staleness(boolean stale, Instant lastSuccess, String reason) {

    public static Staleness fresh(Instant at) {
        return new Staleness(false, at, null);
    }

    /** How old the data is; null when nothing was loaded yet. */
    public Duration age(Clock clock) {
        return lastSuccess == null ? null : Duration.between(lastSuccess, clock.instant());
    }
}
