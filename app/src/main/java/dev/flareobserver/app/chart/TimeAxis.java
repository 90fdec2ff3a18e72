package dev.flareobserver.app.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * A horizontal axis of epoch milliseconds with ticks on round clock times ({@link TimeTicks}); the
 * range is the chosen time window, set by the owner, never auto-ranged from the data.
 */
public final class TimeAxis extends ValueAxis<Number> {

    private final ZoneId zone;

    public TimeAxis(ZoneId zone) {
        this.zone = zone;
        setAutoRanging(false);
        setMinorTickVisible(false);
        setAnimated(false);
    }

    public void setWindow(Instant from, Instant to) {
        setLowerBound(from.toEpochMilli());
        setUpperBound(Math.max(to.toEpochMilli(), from.toEpochMilli() + 1));
    }

    public ZoneId zone() {
        return zone;
    }

    Duration span() {
        return Duration.ofMillis((long) (getUpperBound() - getLowerBound()));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] r = (double[]) range;
        setLowerBound(r[0]);
        setUpperBound(r[1]);
        currentLowerBound.set(r[0]);
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound()};
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] r = (double[]) range;
        List<Number> out = new ArrayList<>();
        for (Instant t : TimeTicks.ticks(Instant.ofEpochMilli((long) r[0]), Instant.ofEpochMilli((long) r[1]), zone)) {
            out.add(t.toEpochMilli());
        }
        return out;
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return TimeTicks.label(Instant.ofEpochMilli(value.longValue()), span(), zone);
    }
}
