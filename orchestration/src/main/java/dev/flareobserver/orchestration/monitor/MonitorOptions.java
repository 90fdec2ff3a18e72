package dev.flareobserver.orchestration.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How monitors poll. {@code scheduler} runs the refreshes (they block on HTTP, so it is not the FX thread);
 * null means each monitor makes its own daemon thread and stops it on close. Tests pass a manual scheduler
 * and a fixed clock to drive time.
 *
 * @param interval        time between refreshes while a page is visible (default 30 s)
 * @param currentSpan     the Overview table's window: req/s, error ratio, CPU over the last {@code currentSpan}
 * @param previousSpan    the window just before it, for trend, spikes and quiet Workers
 * @param scriptsRefresh  how often the scripts list (last deploy) and deployments/versions are re-read
 * @param maxBackoff      the longest wait after repeated failures
 */
public record MonitorOptions(Duration interval, HealthThresholds thresholds, Clock clock,
                             ScheduledExecutorService scheduler, Duration currentSpan, Duration previousSpan,
                             Duration scriptsRefresh, Duration maxBackoff) {

    public MonitorOptions {
        requirePositive("interval", interval);
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(clock, "clock");
        requirePositive("currentSpan", currentSpan);
        requirePositive("previousSpan", previousSpan);
        requirePositive("scriptsRefresh", scriptsRefresh);
        requirePositive("maxBackoff", maxBackoff);
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * 30 s polling; the table covers the last 15 minutes against the hour before it, so a Worker that stopped
     * half an hour ago still counts as QUIET rather than as idle.
     */
    public static MonitorOptions defaults() {
        return new MonitorOptions(Duration.ofSeconds(30), HealthThresholds.defaults(), Clock.systemUTC(), null,
                Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    public MonitorOptions withInterval(Duration value) {
        return new MonitorOptions(value, thresholds, clock, scheduler, currentSpan, previousSpan, scriptsRefresh,
                maxBackoff);
    }

    public MonitorOptions withThresholds(HealthThresholds value) {
        return new MonitorOptions(interval, value, clock, scheduler, currentSpan, previousSpan, scriptsRefresh,
                maxBackoff);
    }

    public MonitorOptions withClock(Clock value) {
        return new MonitorOptions(interval, thresholds, value, scheduler, currentSpan, previousSpan, scriptsRefresh,
                maxBackoff);
    }

    public MonitorOptions withScheduler(ScheduledExecutorService value) {
        return new MonitorOptions(interval, thresholds, clock, value, currentSpan, previousSpan, scriptsRefresh,
                maxBackoff);
    }

    public MonitorOptions withSpans(Duration current, Duration previous) {
        return new MonitorOptions(interval, thresholds, clock, scheduler, current, previous, scriptsRefresh,
                maxBackoff);
    }
}
