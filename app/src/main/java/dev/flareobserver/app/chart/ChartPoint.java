package dev.flareobserver.app.chart;

import java.time.Instant;

/** One value of a time series; {@code value} null means "unknown", drawn as a gap rather than a zero. */
public record ChartPoint(Instant time, Double value) {
}
