package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How the Workers figures read: units always shown, "—" for unknown (never a zero), relative times.
 * Pure, so the table, the tiles and the command line share it and it is tested on plain values.
 */
public final class WorkerFormats {

    public static final String UNKNOWN = "—";

    private WorkerFormats() {
    }

    /** Requests per second: 0.42, 12.3, 1,234. */
    public static String perSecond(double v) {
        if (Double.isNaN(v)) {
            return UNKNOWN;
        }
        if (v == 0) {
            return "0";
        }
        if (v < 10) {
            return fixed(v, 2);
        }
        if (v < 100) {
            return fixed(v, 1);
        }
        return fixed(v, 0);
    }

    /** A per-minute rate, for the tile: 12,345 req/min. */
    public static String perMinute(Double v) {
        if (v == null || v.isNaN()) {
            return UNKNOWN;
        }
        return (v < 10 && v != 0 ? fixed(v, 1) : fixed(v, 0)) + " req/min";
    }

    public static String count(long n) {
        StringBuilder b = new StringBuilder(16);
        if (n < 0) {
            b.append('-');
        }
        grouped(b, Math.abs(n));
        return b.toString();
    }

    /**
     * {@code v} rounded half-up to 0..2 decimals, thousands grouped with ",". Hand-written because
     * {@code String.format} costs microseconds a call, and a 1000-Worker snapshot formats ten thousand figures
     * on the UI thread.
     */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return UNKNOWN;
        }
        long scale = decimals <= 0 ? 1 : decimals == 1 ? 10 : 100;
        long r = Math.round(Math.abs(v) * scale);
        StringBuilder b = new StringBuilder(16);
        if (v < 0 && r != 0) {
            b.append('-');
        }
        grouped(b, r / scale);
        if (scale > 1) {
            b.append('.');
            long frac = r % scale;
            if (scale == 100 && frac < 10) {
                b.append('0');
            }
            b.append(frac);
        }
        return b.toString();
    }

    private static void grouped(StringBuilder b, long n) {
        if (n < 1000) {
            b.append(n);
            return;
        }
        grouped(b, n / 1000);
        long rest = n % 1000;
        b.append(',');
        if (rest < 100) {
            b.append('0');
        }
        if (rest < 10) {
            b.append('0');
        }
        b.append(rest);
    }

    /** An error ratio as a percentage: 0 %, &lt;0.1 %, 2.4 %, 25 %. */
    public static String percent(Double ratio) {
        if (ratio == null || ratio.isNaN()) {
            return UNKNOWN;
        }
        double p = ratio * 100;
        if (p == 0) {
            return "0 %";
        }
        if (p < 0.1) {
            return "<0.1 %";
        }
        if (p < 10) {
            return fixed(p, 1) + " %";
        }
        return fixed(p, 0) + " %";
    }

    /** Milliseconds: 0.84 ms, 4.2 ms, 153 ms, 1,204 ms. */
    public static String millis(Double ms) {
        if (ms == null || ms.isNaN()) {
            return UNKNOWN;
        }
        if (ms < 1) {
            return fixed(ms, 2) + " ms";
        }
        if (ms < 10) {
            return fixed(ms, 1) + " ms";
        }
        return fixed(ms, 0) + " ms";
    }

    /** "just now", "12 m ago", "3 h ago", "4 d ago"; "—" when unknown. */
    public static String ago(Instant then, Instant now) {
        if (then == null || now == null) {
            return UNKNOWN;
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        return span(d) + " ago";
    }

    /** "2 m", "3 h", "4 d"; seconds below a minute. */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " d";
    }

    /** The badge of stale data: "stale · 2 m old". */
    public static String stale(Duration age) {
        return age == null ? "stale" : "stale · " + span(age) + " old";
    }

    public static String health(Health h) {
        if (h == null) {
            return "Unknown";
        }
        return switch (h) {
            case OK -> "OK";
            case WARN -> "Warning";
            case CRITICAL -> "Critical";
            case QUIET -> "Quiet";
            case UNKNOWN -> "Unknown";
        };
    }

    /** The style class of a health badge: {@code health-ok}, {@code health-critical}, ... */
    public static String healthStyle(Health h) {
        return "health-" + (h == null ? "unknown" : h.name().toLowerCase(Locale.ROOT));
    }

    /** Sort weight: the worst first when sorted descending. */
    public static int severity(Health h) {
        if (h == null) {
            return 0;
        }
        return switch (h) {
            case CRITICAL -> 4;
            case WARN -> 3;
            case QUIET -> 2;
            case OK -> 1;
            case UNKNOWN -> 0;
        };
    }
}
