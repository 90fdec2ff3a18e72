package dev.flareobserver.orchestration.logtail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.api.workers.TailEvent;
import dev.flareobserver.api.workers.TailEventKind;
import dev.flareobserver.api.workers.TailEventParseException;
import dev.flareobserver.api.workers.TailEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes what the user sees: NDJSON, one event per line with the same JSON object
 * {@code wrangler tail --format json} prints (wrangler indents it; a line each keeps it greppable),
 * or readable text like wrangler's pretty format. Gap markers and notices are kept in the text
 * export and in the NDJSON as {@code {"flareObserver":{"gap":...}}} lines, so nothing is silently lost.
 */
public final class LogExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TailEventParser PARSER = new TailEventParser(JSON);
    /** JavaScript's {@code toLocaleString()} in en-US, as wrangler prints times. */
    private static final DateTimeFormatter LOCALE_STRING =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US);

    private LogExport() {
    }

    /**
     * One JSON object per line. An event keeps the JSON the service sent, except that a missing or null
     * {@code scriptName} is filled in with the tailed Worker (the reader takes the Worker from there) and a
     * message sent pretty-printed is written compact.
     */
    public static void writeNdjson(List<LogEntry> entries, Writer out) throws IOException {
        for (LogEntry e : entries) {
            out.write(ndjsonLine(e));
            out.write('\n');
        }
        out.flush();
    }

    static String ndjsonLine(LogEntry e) throws JsonProcessingException {
        String json = e.json();
        if (LogEntries.isOwnLine(json)) {
            return json;
        }
        boolean multiLine = json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0;
        boolean needsWorker = e.worker() != null && !e.worker().isEmpty() && lacksScriptName(json);
        if (!multiLine && !needsWorker) {
            return json;
        }
        JsonNode tree = JSON.readTree(json);
        if (needsWorker && tree instanceof ObjectNode object) {
            object.put("scriptName", e.worker());
        }
        return JSON.writeValueAsString(tree);
    }

    private static boolean lacksScriptName(String json) {
        try {
            return PARSER.parse(json).scriptName() == null;
        } catch (TailEventParseException notAnEvent) {
            return false;
        }
    }

    /** wrangler's pretty format, with times in the system's zone. */
    public static void writeText(List<LogEntry> entries, Writer out) throws IOException {
        writeText(entries, out, ZoneId.systemDefault());
    }

    /**
     * wrangler's pretty format: {@code GET https://… - Ok @ 11/22/2026, 10:00:00 AM}, then each log as
     * {@code   (level) message} and each exception as {@code   Name: message}; gaps and notices get a line each.
     */
    public static void writeText(List<LogEntry> entries, Writer out, ZoneId zone) throws IOException {
        DateTimeFormatter format = LOCALE_STRING.withZone(zone);
        StringBuilder line = new StringBuilder(256);
        for (LogEntry e : entries) {
            line.setLength(0);
            switch (e.kind()) {
                case GAP -> line.append("--- ").append(e.worker()).append(": ").append(e.firstLine())
                        .append(" (").append(format.format(e.gapFrom())).append(" to ")
                        .append(format.format(e.gapTo())).append(") ---\n");
                case NOTICE -> {
                    if (!LogEntries.isOwnLine(e.json())) {
                        // A notice of the service: printed as wrangler prints it, the message alone.
                        appendEvent(e, format, line);
                        break;
                    }
                    line.append("*** ").append(e.worker()).append(": ").append(e.firstLine())
                        .append(" @ ").append(format.format(e.time())).append(" ***\n");
                }
                case EVENT -> appendEvent(e, format, line);
            }
            out.write(line.toString());
        }
        out.flush();
    }

    private static void appendEvent(LogEntry e, DateTimeFormatter format, StringBuilder out) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(e.json());
        } catch (JsonProcessingException unreadable) {
            // The entry was built from this JSON, so this only happens to hand-made entries: show the columns.
            out.append(e.eventType()).append(' ').append(nullToEmpty(e.url())).append(" - ")
                    .append(prettyOutcome(e.outcome())).append(" @ ").append(format.format(e.time())).append('\n');
            return;
        }
        JsonNode what = event.path("event");
        String outcome = prettyOutcome(e.outcome());
        String at = format.format(e.time());
        switch (TailEventKind.fromLabel(e.eventType())) {
            case FETCH -> {
                String url = what.path("request").path("url").asText(null);
                String method = what.path("request").path("method").asText("").toUpperCase(Locale.ROOT);
                out.append(url == null ? "[missing request]" : method + " " + url)
                        .append(" - ").append(outcome).append(" @ ").append(at);
            }
            case SCHEDULED -> out.append('"').append(what.path("cron").asText()).append("\" @ ")
                    .append(scheduledTime(what.path("scheduledTime"), format, at)).append(" - ").append(outcome);
            case EMAIL -> out.append("Email from:").append(what.path("mailFrom").asText())
                    .append(" to:").append(what.path("rcptTo").asText())
                    .append(" size:").append(what.path("rawSize").asText()).append(" @ ").append(at)
                    .append(" - ").append(outcome);
            case QUEUE -> {
                int batch = what.path("batchSize").asInt();
                out.append("Queue ").append(what.path("queue").asText()).append(" (").append(batch)
                        .append(batch == 1 ? " message" : " messages").append(") - ").append(outcome)
                        .append(" @ ").append(at);
            }
            case RPC -> out.append(event.path("entrypoint").asText("Unknown Entrypoint")).append('.')
                    .append(what.path("rpcMethod").asText()).append(" - ").append(outcome).append(" @ ").append(at);
            case ALARM -> out.append("Alarm @ ").append(scheduledTime(what.path("scheduledTime"), format, at))
                    .append(" - ").append(outcome);
            case TAIL -> {
                Set<String> scripts = new LinkedHashSet<>();
                for (JsonNode consumed : what.path("consumedEvents")) {
                    String name = consumed.path("scriptName").asText("");
                    if (!name.isEmpty()) {
                        scripts.add(name);
                    }
                }
                out.append("Tailing ").append(String.join(",", scripts)).append(" - ").append(outcome)
                        .append(" @ ").append(at);
            }
            case INFO -> out.append(what.path("message").asText());
            case UNKNOWN -> out.append("Unknown Event - ").append(outcome).append(" @ ").append(at);
        }
        out.append('\n');
        for (JsonNode log : event.path("logs")) {
            out.append("  (").append(log.path("level").asText("log")).append(") ");
            JsonNode message = log.path("message");
            if (message.isArray()) {
                boolean first = true;
                for (JsonNode part : message) {
                    if (!first) {
                        out.append(' ');
                    }
                    first = false;
                    out.append(part.isTextual() ? part.asText() : JSON.writeValueAsString(part));
                }
            } else {
                out.append(message.isTextual() ? message.asText() : JSON.writeValueAsString(message));
            }
            out.append('\n');
        }
        for (JsonNode exception : event.path("exceptions")) {
            JsonNode message = exception.path("message");
            out.append("  ").append(exception.path("name").asText("Error")).append(": ")
                    .append(message.isTextual() ? message.asText() : JSON.writeValueAsString(message)).append('\n');
        }
    }

    /** Cron events carry epoch ms, alarms an ISO string; either is shown like the other times. */
    private static String scheduledTime(JsonNode value, DateTimeFormatter format, String fallback) {
        try {
            if (value.isNumber()) {
                return format.format(Instant.ofEpochMilli(value.asLong()));
            }
            if (value.isTextual()) {
                return format.format(Instant.parse(value.asText()));
            }
        } catch (java.time.format.DateTimeParseException notIso) {
            return value.asText();
        }
        return fallback;
    }

    static String prettyOutcome(String outcome) {
        if (outcome == null) {
            return "Unknown";
        }
        return switch (outcome) {
            case "ok" -> "Ok";
            case "canceled" -> "Canceled";
            case "exceededCpu" -> "Exceeded CPU Limit";
            case "exceededMemory" -> "Exceeded Memory Limit";
            case "exception" -> "Exception Thrown";
            default -> "Unknown";
        };
    }

    /**
     * Reads an NDJSON export back into entries (round trip); the worker comes from {@code scriptName}.
     * Entries are numbered from 1 in file order. Blank lines are skipped; a line that is not a tail
     * message fails with a {@link TailEventParseException} naming the line.
     */
    public static List<LogEntry> readNdjson(Reader in) throws IOException {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<LogEntry> entries = new ArrayList<>();
        Map<String, String> workers = new HashMap<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            long seq = entries.size() + 1L;
            try {
                entries.add(LogEntries.isOwnLine(line) ? ownLine(seq, line, workers)
                        : event(seq, line, workers));
            } catch (TailEventParseException e) {
                throw new TailEventParseException("line " + lineNumber + ": " + e.problem(), e.snippet(), e);
            }
        }
        return entries;
    }

    private static LogEntry event(long seq, String line, Map<String, String> workers) {
        TailEvent event = PARSER.parse(line);
        String worker = event.scriptName() == null ? "" : workers.computeIfAbsent(event.scriptName(), w -> w);
        // An event without a timestamp was stamped on receipt; that time is not in the export.
        return LogEntries.fromEvent(seq, worker, event, line, Instant.EPOCH);
    }

    private static LogEntry ownLine(long seq, String line, Map<String, String> workers) {
        JsonNode marker;
        try {
            marker = JSON.readTree(line).path(LogEntries.MARKER);
        } catch (JsonProcessingException e) {
            throw new TailEventParseException("not valid JSON (" + e.getOriginalMessage() + ")", snippet(line), e);
        }
        JsonNode gap = marker.path("gap");
        if (gap.isObject()) {
            Instant from = instant(gap, "from", line);
            Instant to = instant(gap, "to", line);
            String worker = workers.computeIfAbsent(gap.path("worker").asText(""), w -> w);
            return new LogEntry(seq, from, worker, EntryKind.GAP, "gap", null, null, null, 0,
                    gap.path("message").asText(""), LogLevel.NONE, false, line, from, to);
        }
        JsonNode notice = marker.path("notice");
        if (notice.isObject()) {
            Instant time = instant(notice, "time", line);
            String worker = workers.computeIfAbsent(notice.path("worker").asText(""), w -> w);
            return new LogEntry(seq, time, worker, EntryKind.NOTICE, "notice", null, null, null, 0,
                    notice.path("message").asText(""), LogLevel.NONE, false, line, null, null);
        }
        throw new TailEventParseException("a flareObserver line that is neither a gap nor a notice", snippet(line),
                null);
    }

    private static Instant instant(JsonNode node, String field, String line) {
        try {
            return Instant.parse(node.path(field).asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new TailEventParseException("'" + field + "' is not an ISO time", snippet(line), e);
        }
    }

    private static String snippet(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
