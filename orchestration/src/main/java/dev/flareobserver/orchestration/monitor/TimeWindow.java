package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import java.time.Duration;

/** The windows of the load charts, each with the time grain that gives it a readable number of points. */
public enum TimeWindow {
    M15("15 m", Duration.ofMinutes(15), Dimension.DATETIME_MINUTE, Duration.ofMinutes(1)),
    H1("1 h", Duration.ofHours(1), Dimension.DATETIME_MINUTE, Duration.ofMinutes(1)),
    H6("6 h", Duration.ofHours(6), Dimension.DATETIME_FIFTEEN_MINUTES, Duration.ofMinutes(15)),
    H24("24 h", Duration.ofHours(24), Dimension.DATETIME_FIFTEEN_MINUTES, Duration.ofMinutes(15)),
    D7("7 d", Duration.ofDays(7), Dimension.DATETIME_HOUR, Duration.ofHours(1));

    private final String label;
    private final Duration duration;
    private final Dimension grain;
    private final Duration step;

    TimeWindow(String label, Duration duration, Dimension grain, Duration step) {
        this.label = label;
        this.duration = duration;
        this.grain = grain;
        this.step = step;
    }

    public Duration duration() {
        return duration;
    }

    public String label() {
        return label;
    }

    /** The time dimension a series over this window is grouped by. */
    public Dimension grain() {
        return grain;
    }

    /** The length of one bucket of {@link #grain()}. */
    public Duration step() {
        return step;
    }
}
