package dev.flareobserver.orchestration.logtail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.api.workers.TailEvent;
import dev.flareobserver.api.workers.TailEventKind;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds {@link LogEntry} values: from a parsed tail message (shared by the session and the NDJSON reader,
 * so a round trip gives the same columns) and for the session's own gap and notice lines, whose JSON is
 * {@code {"flareObserver":{"gap":{...}}}} or {@code {"flareObserver":{"notice":{...}}}}.
 */
final class LogEntries {

    /** Longer first lines are cut: the full text stays in the entry's JSON. */
    static final int MAX_FIRST_LINE = 1_000;
    static final String MARKER = "flareObserver";
    static final String MARKER_PREFIX = "{\"" + MARKER + "\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogEntries() {
    }

    /** An entry for one tail message; a service notice ({@code TailInfo}) becomes a NOTICE. */
    static LogEntry fromEvent(long seq, String worker, TailEvent event, String json, Instant receivedAt) {
        Instant time = event.eventTimestamp() > 0 ? Instant.ofEpochMilli(event.eventTimestamp()) : receivedAt;
        if (event.kind() == TailEventKind.INFO) {
            return new LogEntry(seq, time, worker, EntryKind.NOTICE, event.kind().label(), null, null, null, 0,
                    cut(noticeText(event)), LogLevel.NONE, false, json, null, null);
        }
        String firstLine = event.firstLog() != null ? event.firstLog()
                : event.firstException() != null ? event.firstException() : "";
        LogLevel level = event.maxLevel() == null ? LogLevel.NONE : LogLevel.fromWire(event.maxLevel());
        return new LogEntry(seq, time, worker, EntryKind.EVENT, event.kind().label(), event.outcome(), event.method(),
                event.subject(), event.status(), cut(firstLine), level, event.exceptionCount() > 0, json, null, null);
    }

    /** The words of a service notice; for an overload, what it means for the user. */
    static String noticeText(TailEvent event) {
        String message = event.infoMessage() == null ? "" : event.infoMessage();
        if (event.isOverload()) {
            return "Cloudflare is sampling this tail: some events are not delivered. " + message;
        }
        return message;
    }

    static LogEntry gap(long seq, String worker, Instant from, Instant to, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("worker", worker);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("message", message);
        return new LogEntry(seq, from, worker, EntryKind.GAP, "gap", null, null, null, 0, message, LogLevel.NONE,
                false, wrap("gap", body), from, to);
    }

    static LogEntry notice(long seq, String worker, Instant time, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("worker", worker);
        body.put("time", time.toString());
        body.put("message", message);
        return new LogEntry(seq, time, worker, EntryKind.NOTICE, "notice", null, null, null, 0, message,
                LogLevel.NONE, false, wrap("notice", body), null, null);
    }

    /** Whether the JSON is one of our own gap / notice lines rather than something the service sent. */
    static boolean isOwnLine(String json) {
        return json != null && json.startsWith(MARKER_PREFIX);
    }

    /** A copy of the entry with another seq (the merge thread numbers entries as it appends them). */
    static LogEntry withSeq(LogEntry e, long seq) {
        return new LogEntry(seq, e.time(), e.worker(), e.kind(), e.eventType(), e.outcome(), e.method(), e.url(),
                e.status(), e.firstLine(), e.level(), e.exception(), e.json(), e.gapFrom(), e.gapTo());
    }

    private static String wrap(String kind, ObjectNode body) {
        ObjectNode outer = JSON.createObjectNode();
        outer.putObject(MARKER).set(kind, body);
        try {
            return JSON.writeValueAsString(outer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serializes", e);
        }
    }

    private static String cut(String s) {
        Objects.requireNonNull(s);
        return s.length() <= MAX_FIRST_LINE ? s : s.substring(0, MAX_FIRST_LINE) + "…";
    }
}
