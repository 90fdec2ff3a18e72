package dev.flareobserver.app.chart;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named line of a {@link TimeChart}, already in the unit it is drawn in.
 *
 * @param name   legend text ("Requests", "p99")
 * @param unit   what the hover label appends ("req/min", "ms")
 * @param points in time order
 */
public record ChartSeries(String name, String unit, List<ChartPoint> points) {

    /** JavaFX draws every point as a path element: beyond a few hundred it costs time and adds nothing visible. */
    public static final int MAX_POINTS = 400;

    public ChartSeries {
        Objects.requireNonNull(name);
        Objects.requireNonNull(unit);
        points = List.copyOf(points);
    }

    /**
     * At most {@code max} points: neighbours are merged into their mean (a rate stays a rate), unknowns
     * are skipped in the mean and a group of unknowns stays unknown.
     */
    public ChartSeries capped(int max) {
        if (points.size() <= max) {
            return this;
        }
        int group = (int) Math.ceil(points.size() / (double) max);
        List<ChartPoint> out = new ArrayList<>(max);
        for (int i = 0; i < points.size(); i += group) {
            int end = Math.min(points.size(), i + group);
            double sum = 0;
            int known = 0;
            for (int j = i; j < end; j++) {
                Double v = points.get(j).value();
                if (v != null) {
                    sum += v;
                    known++;
                }
            }
            out.add(new ChartPoint(points.get(i).time(), known == 0 ? null : sum / known));
        }
        return new ChartSeries(name, unit, out);
    }

    /** The spacing of the points (the smallest gap), or null with fewer than two. */
    public static Duration step(List<Instant> times) {
        Duration best = null;
        for (int i = 1; i < times.size(); i++) {
            Duration d = Duration.between(times.get(i - 1), times.get(i));
            if (!d.isNegative() && !d.isZero() && (best == null || d.compareTo(best) < 0)) {
                best = d;
            }
        }
        return best;
    }
}
