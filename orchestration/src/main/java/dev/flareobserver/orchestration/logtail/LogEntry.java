package dev.flareobserver.orchestration.logtail;

import java.time.Instant;

/**
 * One line of the merged stream: the columns the Logs page shows, plus the event's JSON as received
 * (for the detail pane and the NDJSON export). Kept compact: 100,000 of them must fit in 150 MB.
 *
 * @param seq       position in the stream, increasing by one per entry
 * @param time      the event's {@code eventTimestamp} (for a GAP, its start)
 * @param worker    script name the tail belongs to
 * @param eventType {@code fetch}, {@code scheduled}, {@code alarm}, {@code email}, {@code queue}, {@code rpc},
 *                  {@code tail}, {@code info} or {@code unknown}
 * @param outcome   wire outcome ({@code ok}, {@code exception}, ...); null for GAP/NOTICE
 * @param method    HTTP method, or null when not a fetch
 * @param url       request URL, or the cron / queue name etc. for other events; null when none
 * @param status    response status, or 0 when unknown
 * @param firstLine first log line (or the exception / notice / gap message), possibly empty
 * @param level     most severe log level of the event
 * @param exception whether the event carries at least one exception
 * @param json      the event exactly as received (compact JSON); for GAP/NOTICE a JSON description
 * @param gapFrom   for GAP: start of the span that may be missing, else null
 * @param gapTo     for GAP: end of that span, else null
 */
public record LogEntry(long seq, Instant time, String worker, EntryKind kind, String eventType, String outcome,
                       String method, String url, int status, String firstLine, LogLevel level, boolean exception,
                       String json, Instant gapFrom, Instant gapTo) {
}
