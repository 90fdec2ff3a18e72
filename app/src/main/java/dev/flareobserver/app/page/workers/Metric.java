package dev.flareobserver.app.page.workers;

/**
 * One cell of the Workers table: the number it sorts by and the text it shows. Unknown values sort
 * below every known one, so "—" ends up at the bottom of a descending sort.
 */
public record Metric(double value, boolean known, String text) implements Comparable<Metric> {

    public static final Metric UNKNOWN = new Metric(0, false, WorkerFormats.UNKNOWN);

    public static Metric of(double value, String text) {
        return new Metric(value, true, text);
    }

    public static Metric ofNullable(Double value, String text) {
        return value == null ? UNKNOWN : new Metric(value, true, text);
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
        return text;
    }
}
