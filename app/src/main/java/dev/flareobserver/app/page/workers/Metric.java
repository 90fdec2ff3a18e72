package dev.flareobserver.app.page.workers;

import java.util.function.DoubleFunction;

/**
 * One cell of the Workers table: the number it sorts by and the text it shows. Unknown values sort
 * below every known one, so "—" ends up at the bottom of a descending sort.
 *
 * <p>The text is formatted when first asked for, and then kept: a snapshot of 1000 Workers changes
 * thousands of figures, of which only the rows on screen are ever read.
 */
public final class Metric implements Comparable<Metric> {

    public static final Metric UNKNOWN = new Metric(0, false, v -> WorkerFormats.UNKNOWN);

    private final double value;
    private final boolean known;
    private DoubleFunction<String> format;
    private String text;

    private Metric(double value, boolean known, DoubleFunction<String> format) {
        this.value = value;
        this.known = known;
        this.format = format;
    }

    /** A known value shown as {@code format} renders it (called at most once, on the UI thread). */
    public static Metric of(double value, DoubleFunction<String> format) {
        return new Metric(value, true, format);
    }

    public double value() {
        return value;
    }

    public boolean known() {
        return known;
    }

    public String text() {
        if (text == null) {
            text = format.apply(value);
            format = null;
        }
        return text;
    }

    @Override
    public int compareTo(Metric o) {
        if (known != o.known) {
            return known ? 1 : -1;
        }
        return Double.compare(value, o.value);
    }

    @Override
    public String toString() {
        return text();
    }
}
