package dev.flareobserver.app.page.logs;

import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogCounters;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.TailState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The texts of the Logs page, pure so they are tested on plain data. */
public final class LogsFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private LogsFormats() {
    }

    /** 10:01:02.345 in the given zone; empty for no time. */
    public static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** "⚠ gap 10:01:02–10:01:09 on checkout-api: events may be missing". */
    public static String gap(LogEntry e, ZoneId zone) {
        Instant from = e.gapFrom() != null ? e.gapFrom() : e.time();
        Instant to = e.gapTo();
        String span = from == null ? "" : SECONDS.format(from.atZone(zone))
                + (to == null ? "" : "–" + SECONDS.format(to.atZone(zone)));
        // Why (reconnect, renewal) is in the detail pane: the row stays one short line.
        return "⚠ gap " + span + " on " + e.worker() + ": events may be missing";
    }

    /** "ℹ checkout-api: tail renewed" for a notice row. */
    public static String notice(LogEntry e) {
        String text = e.firstLine() == null ? "" : e.firstLine();
        boolean named = e.worker() == null || e.worker().isEmpty() || text.contains(e.worker());
        return "ℹ " + (named ? text : e.worker() + ": " + text);
    }

    /**
     * What the row shows of a URL: its path and query ("/cart/items?id=3"); the host is the Worker's and the
     * full URL is in the detail pane. Other subjects (a cron, a queue name) stay as they are.
     */
    public static String path(String url) {
        if (url == null) {
            return "";
        }
        int scheme = url.indexOf("://");
        if (scheme < 0 || scheme > 8) {
            return url;
        }
        int slash = url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    /** The row's status column: the HTTP status, or empty when unknown. */
    public static String status(int status) {
        return status <= 0 ? "" : Integer.toString(status);
    }

    /** The outcome as the row shows it, short: "ok", "exception", "CPU limit", ... */
    public static String outcome(String wire) {
        if (wire == null) {
            return "";
        }
        return switch (wire) {
            case "exceededCpu" -> "CPU limit";
            case "exceededMemory" -> "memory limit";
            case "responseStreamDisconnected" -> "stream cut";
            case "scriptNotFound" -> "not found";
            default -> wire;
        };
    }

    /** The style class of an outcome: ok, error (every failure) or canceled. */
    public static String outcomeClass(String wire) {
        if (wire == null || wire.equals("ok")) {
            return "outcome-ok";
        }
        return wire.equals("canceled") ? "outcome-canceled" : "outcome-error";
    }

    /** The style class of a level: level-error, level-warn, ... level-none. */
    public static String levelClass(LogLevel level) {
        return "level-" + (level == null ? "none" : level.name().toLowerCase(Locale.ROOT));
    }

    /** "1,234" with a thin grouping, as the rest of the app counts. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * The counters line: "412 events/s · 12,345 buffered · 0 dropped · 0 sampled · 1,203 filtered · 1 gap".
     * Events per second below 10 keep one decimal so a quiet Worker does not read as 0.
     */
    public static String counters(LogCounters c) {
        double eps = c.eventsPerSecond();
        String rate = eps > 0 && eps < 10 ? String.format(Locale.ROOT, "%.1f", eps) : count(Math.round(eps));
        return rate + " events/s · " + count(c.buffered()) + " buffered · " + count(c.dropped()) + " dropped · "
                + count(c.sampled()) + " sampled · " + count(c.filtered()) + " filtered · " + count(c.gaps())
                + (c.gaps() == 1 ? " gap" : " gaps");
    }

    /** Whether the counters say something was lost (the bar turns to a warning). */
    public static boolean lossy(LogCounters c) {
        return c.dropped() > 0 || c.sampled() > 0 || c.gaps() > 0;
    }

    /** "3 new events" on the resume button. */
    public static String newEvents(long n) {
        return count(n) + (n == 1 ? " new event" : " new events") + " — resume";
    }

    /** The short word on a Worker's health chip. */
    public static String state(TailState s) {
        return switch (s) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case RENEWING -> "renewing";
            case RECONNECTING -> "reconnecting";
            case EXPIRED -> "expired";
            case FAILED -> "failed";
            case CLOSED -> "stopped";
        };
    }

    /** The chip's tooltip: state, detail, expiry and how many events came. */
    public static String healthTooltip(TailHealth h, ZoneId zone) {
        StringBuilder b = new StringBuilder(h.worker()).append(": ").append(state(h.state()));
        if (h.detail() != null && !h.detail().isBlank()) {
            b.append("\n").append(h.detail());
        }
        b.append("\n").append(count(h.events())).append(h.events() == 1 ? " event" : " events");
        if (h.expiresAt() != null) {
            b.append(" · tail renews before ").append(SECONDS.format(h.expiresAt().atZone(zone)));
        }
        return b.toString();
    }

    /** The style class of a chip: tail-ok, tail-busy, tail-warn, tail-failed, tail-off. */
    public static String healthClass(TailState s) {
        return switch (s) {
            case CONNECTED -> "tail-ok";
            case CONNECTING, RENEWING -> "tail-busy";
            case RECONNECTING, EXPIRED -> "tail-warn";
            case FAILED -> "tail-failed";
            case CLOSED -> "tail-off";
        };
    }

    /** "checkout-api", "checkout-api and payments-webhook", "checkout-api, payments-webhook and 3 more". */
    public static String workers(Collection<String> names) {
        List<String> list = names.stream().sorted().toList();
        return switch (list.size()) {
            case 0 -> "";
            case 1 -> list.get(0);
            case 2 -> list.get(0) + " and " + list.get(1);
            default -> list.get(0) + ", " + list.get(1) + " and " + (list.size() - 2) + " more";
        };
    }

    /** What a marker row says in the detail pane. */
    public static String markerDetail(LogEntry e, ZoneId zone) {
        if (e.kind() == EntryKind.GAP) {
            return "Continuity was lost for " + e.worker() + ": events between "
                    + time(e.gapFrom() != null ? e.gapFrom() : e.time(), zone) + " and "
                    + (e.gapTo() == null ? "now" : time(e.gapTo(), zone))
                    + " may be missing (the tail reconnected or was renewed)."
                    + (e.firstLine() == null || e.firstLine().isBlank() ? "" : "\n\n" + e.firstLine());
        }
        return (e.worker() == null || e.worker().isEmpty() ? "" : e.worker() + " · ") + time(e.time(), zone)
                + "\n\n" + (e.firstLine() == null ? "" : e.firstLine());
    }
}
