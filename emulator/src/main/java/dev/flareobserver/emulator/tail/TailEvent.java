package dev.flareobserver.emulator.tail;

import dev.flareobserver.emulator.traffic.InvocationStatus;
import dev.flareobserver.emulator.traffic.SimulatedInvocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One invocation as a tail delivers it: the facts filters look at, and the WebSocket frame, rendered
 * on first use and then shared by every tail (and every flood repetition) that shows it. Immutable
 * apart from those memoised values, which are idempotent, so races only cost a duplicate render.
 */
final class TailEvent {

    /** A console line: the arguments of the console call, its level, when (epoch ms). */
    record LogLine(List<String> message, String level, long timestamp) {
    }

    /** An uncaught exception (or the runtime's limit error) of the invocation. */
    record ExceptionInfo(String name, String message, String stack, long timestamp) {
    }

    /**
     * Every cron trigger of the emulator fires each minute: it is the only schedule that matches
     * a stream of one scheduled event per minute (the Workers carry no trigger configuration here).
     */
    static final String CRON = "* * * * *";

    private final long timestamp;
    private final String scriptName;
    private final String versionId;
    private final String outcome;
    private final long cpuTimeMs;
    private final long wallTimeMs;
    private final TailRequest request;
    private final long scheduledTime;
    private final List<LogLine> logs;
    private final List<ExceptionInfo> exceptions;
    /** The instance whose output this is, for a container's output; null for an invocation. */
    private final String durableObjectId;
    private final boolean truncated;
    private volatile String searchText;
    private volatile byte[] frame;

    private TailEvent(long timestamp, String scriptName, String versionId, String outcome, long cpuTimeMs,
                      long wallTimeMs, TailRequest request, long scheduledTime, List<LogLine> logs,
                      List<ExceptionInfo> exceptions) {
        this(timestamp, scriptName, versionId, outcome, cpuTimeMs, wallTimeMs, request, scheduledTime, logs, exceptions,
                null, false);
    }

    private TailEvent(long timestamp, String scriptName, String versionId, String outcome, long cpuTimeMs,
                      long wallTimeMs, TailRequest request, long scheduledTime, List<LogLine> logs,
                      List<ExceptionInfo> exceptions, String durableObjectId, boolean truncated) {
        this.durableObjectId = durableObjectId;
        this.truncated = truncated;
        this.timestamp = timestamp;
        this.scriptName = scriptName;
        this.versionId = versionId;
        this.outcome = outcome;
        this.cpuTimeMs = cpuTimeMs;
        this.wallTimeMs = wallTimeMs;
        this.request = request;
        this.scheduledTime = scheduledTime;
        this.logs = logs;
        this.exceptions = exceptions;
    }

    /** A fetch event for the invocation. */
    static TailEvent fetch(SimulatedInvocation inv) {
        String outcome = outcome(inv.status());
        TailRequest request = TailRequest.derive(seed(inv), inv.method(), inv.url(), outcome);
        return of(inv, outcome, request, 0, null, inv.logs());
    }

    /**
     * A cron trigger run: same counts, version and timings as the invocation, but a scheduled event
     * whose console line is the one the seeded scheduled handler writes ({@code console.log(name + " tick", cron)}).
     */
    static TailEvent scheduled(SimulatedInvocation inv, long scheduledTime) {
        // The request-handling chatter does not apply to a cron run; its errors and warnings do.
        List<String> lines = inv.logs().stream().filter(l -> !level(l).equals("info") && !level(l).equals("log")).toList();
        return of(inv, outcome(inv.status()), null, scheduledTime, List.of(inv.scriptName() + " tick", CRON), lines);
    }

    /**
     * Output lines of a container instance whose application is bound to a Durable Object namespace of
     * {@code scriptName}: a Durable Object trace item ({@code executionModel: "durableObject"}, the instance id as
     * {@code durableObjectId}) with no triggering event, the lines as console logs (stdout "log", stderr "error").
     * Whether and how Cloudflare puts container output into the owning Worker's live tail is unconfirmed; this shape
     * follows the trace items of Durable Objects (tail-protocol.md §3).
     *
     * @param truncated lines were dropped before these (the container wrote faster than the tail takes)
     */
    static TailEvent containerOutput(String scriptName, String instanceId, List<LogLine> lines, boolean truncated) {
        return new TailEvent(lines.get(0).timestamp(), scriptName, null, "ok", 0, 0, null, 0, lines, List.of(),
                instanceId, truncated);
    }

    /**
     * @param firstConsoleCall the arguments of a console.log written before the lines, or null
     */
    private static TailEvent of(SimulatedInvocation inv, String outcome, TailRequest request, long scheduledTime,
                                List<String> firstConsoleCall, List<String> lines) {
        long at = inv.timestamp().toEpochMilli();
        long wallMs = Math.max(1, Math.round(inv.wallTimeUs() / 1000.0));
        int count = lines.size() + (firstConsoleCall == null ? 0 : 1);
        List<LogLine> logs = new ArrayList<>(count);
        List<ExceptionInfo> exceptions = new ArrayList<>(1);
        if (firstConsoleCall != null) {
            logs.add(new LogLine(firstConsoleCall, "log", at + wallMs / (count + 1)));
        }
        int i = logs.size();
        for (String line : lines) {
            // Spread console lines over the invocation's wall time, in order.
            long when = at + wallMs * (i + 1) / (count + 1);
            i++;
            if (isThrown(line, outcome)) {
                exceptions.add(exception(line, at + wallMs));
            } else {
                logs.add(new LogLine(List.of(line), level(line), when));
            }
        }
        return new TailEvent(at, inv.scriptName(), inv.scriptVersion(), outcome,
                Math.round(inv.cpuTimeUs() / 1000.0), wallMs, request, scheduledTime, List.copyOf(logs),
                List.copyOf(exceptions));
    }

    /**
     * Invocation status -> tail outcome. exceededResources invocations ran into the CPU limit in the
     * simulator (its log line says so), so they are exceededCpu; nothing produces exceededMemory. An
     * internal error has no script outcome: "unknown" (wrangler's --status error includes it).
     */
    static String outcome(InvocationStatus status) {
        return switch (status) {
            case SUCCESS -> "ok";
            case CLIENT_DISCONNECTED -> "canceled";
            case SCRIPT_THREW_EXCEPTION -> "exception";
            case EXCEEDED_RESOURCES -> "exceededCpu";
            case INTERNAL_ERROR -> "unknown";
        };
    }

    /** Uncaught exceptions and the CPU-limit error reach the tail as exceptions, not console lines. */
    private static boolean isThrown(String line, String outcome) {
        return line.startsWith("Uncaught ")
                || outcome.equals("exceededCpu") && line.startsWith("Error: Worker exceeded CPU");
    }

    private static ExceptionInfo exception(String line, long timestamp) {
        String text = line.startsWith("Uncaught ") ? line.substring("Uncaught ".length()) : line;
        int colon = text.indexOf(": ");
        String name = colon > 0 ? text.substring(0, colon) : "Error";
        String message = colon > 0 ? text.substring(colon + 2) : text;
        int row = 20 + Math.floorMod(text.hashCode(), 180);
        String stack = name + ": " + message + "\n    at handleRequest (index.js:" + row + ":17)\n"
                + "    at Object.fetch (index.js:12:12)";
        return new ExceptionInfo(name, message, stack, timestamp);
    }

    static String level(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (line.startsWith("Error") || line.startsWith("Uncaught") || lower.contains("error:")) {
            return "error";
        }
        if (lower.contains("disconnected") || lower.contains("retry") || lower.contains("slow")) {
            return "warn";
        }
        return line.startsWith("handling ") ? "info" : "log";
    }

    /** A stable seed per invocation: its timing draws make it unique within a Worker's minute. */
    private static long seed(SimulatedInvocation inv) {
        long h = inv.timestamp().toEpochMilli();
        h = h * 0x9E3779B97F4A7C15L + inv.cpuTimeUs();
        h = h * 0x9E3779B97F4A7C15L + inv.wallTimeUs();
        h = h * 0x9E3779B97F4A7C15L + inv.url().hashCode();
        return h ^ (h >>> 31);
    }

    long timestamp() {
        return timestamp;
    }

    String scriptName() {
        return scriptName;
    }

    String versionId() {
        return versionId;
    }

    String outcome() {
        return outcome;
    }

    long cpuTimeMs() {
        return cpuTimeMs;
    }

    long wallTimeMs() {
        return wallTimeMs;
    }

    /** The triggering request; null for a scheduled event. */
    TailRequest request() {
        return request;
    }

    boolean isScheduled() {
        return request == null && durableObjectId == null;
    }

    /** The container instance whose output this is; null for a Worker invocation. */
    String durableObjectId() {
        return durableObjectId;
    }

    boolean truncated() {
        return truncated;
    }

    long scheduledTime() {
        return scheduledTime;
    }

    List<LogLine> logs() {
        return logs;
    }

    List<ExceptionInfo> exceptions() {
        return exceptions;
    }

    /** Log messages and exception names / messages, lower-cased, for the {@code query} filter. */
    String searchText() {
        String s = searchText;
        if (s == null) {
            StringBuilder b = new StringBuilder();
            for (LogLine l : logs) {
                for (String part : l.message()) {
                    b.append(part).append('\n');
                }
            }
            for (ExceptionInfo x : exceptions) {
                b.append(x.name()).append(": ").append(x.message()).append('\n');
            }
            s = b.toString().toLowerCase(Locale.ROOT);
            searchText = s;
        }
        return s;
    }

    /** The complete WebSocket text frame carrying this event's JSON. */
    byte[] frame() {
        byte[] f = frame;
        if (f == null) {
            f = WsFrames.text(TailEventJson.event(this));
            frame = f;
        }
        return f;
    }
}
