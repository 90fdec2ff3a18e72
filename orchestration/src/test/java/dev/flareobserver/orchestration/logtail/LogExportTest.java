package dev.flareobserver.orchestration.logtail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.workers.TailEventParseException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogExportTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private static List<LogEntry> mixed() {
        List<LogEntry> entries = new ArrayList<>(Entries.events(1, 6));
        entries.add(LogEntries.gap(7, "checkout", T, T.plusSeconds(12), "Events of checkout may be missing"));
        entries.add(LogEntries.notice(8, "search", T.plusSeconds(13), "Server filters changed"));
        entries.add(Entries.event(9, "search", "{\"outcome\":\"ok\",\"scriptName\":\"search\",\"exceptions\":[],"
                + "\"logs\":[],\"eventTimestamp\":1700000000100,\"event\":{\"message\":\"Tail is currently in sampling "
                + "mode due to the high volume of messages.\",\"type\":\"overload\"}}"));
        entries.add(Entries.event(10, "cron-worker", "{\"outcome\":\"ok\",\"scriptName\":\"cron-worker\",\"exceptions\":[],"
                + "\"logs\":[{\"message\":[\"swept\",3,{\"rows\":2}],\"level\":\"info\",\"timestamp\":1}],"
                + "\"eventTimestamp\":1700000000200,\"event\":{\"cron\":\"*/5 * * * *\",\"scheduledTime\":1700000000000}}"));
        return entries;
    }

    @Test
    void ndjsonRoundTripGivesTheSameEntries() throws IOException {
        List<LogEntry> written = mixed();
        StringWriter out = new StringWriter();

        LogExport.writeNdjson(written, out);
        List<LogEntry> read = LogExport.readNdjson(new StringReader(out.toString()));

        assertThat(out.toString().lines()).hasSize(written.size());
        assertThat(read).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(LogEntries.withSeq(read.get(i), written.get(i).seq())).isEqualTo(written.get(i));
        }
    }

    @Test
    void ndjsonLinesAreTheEventsAsReceivedAndOurOwnLinesAreMarked() throws IOException {
        StringWriter out = new StringWriter();

        LogExport.writeNdjson(mixed(), out);
        List<String> lines = out.toString().lines().toList();

        assertThat(lines.get(0)).isEqualTo(mixed().get(0).json());
        assertThat(lines.get(6)).isEqualTo("{\"flareObserver\":{\"gap\":{\"worker\":\"checkout\",\"from\":"
                + "\"2026-11-22T10:00:00Z\",\"to\":\"2026-11-22T10:00:12Z\",\"message\":\"Events of checkout may be "
                + "missing\"}}}");
        assertThat(lines.get(7)).startsWith("{\"flareObserver\":{\"notice\":{\"worker\":\"search\"");
    }

    @Test
    void aMissingScriptNameIsFilledSoTheWorkerSurvivesAndPrettyJsonBecomesOneLine() throws IOException {
        String docs = "{\"outcome\":\"ok\",\"scriptName\":null,\"exceptions\":[],\"logs\":[],"
                + "\"eventTimestamp\":1590680082349,\"event\":{\"request\":{\"url\":\"https://www.bytesized.xyz/\","
                + "\"method\":\"GET\",\"headers\":{},\"cf\":{}}}}";
        String pretty = "{\n  \"outcome\": \"ok\",\n  \"scriptName\": \"api\",\n  \"eventTimestamp\": 5\n}";
        StringWriter out = new StringWriter();

        LogExport.writeNdjson(List.of(Entries.event(1, "hello", docs), Entries.event(2, "api", pretty)), out);
        List<LogEntry> read = LogExport.readNdjson(new StringReader(out.toString()));

        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString()).contains("\"scriptName\":\"hello\"");
        assertThat(read).extracting(LogEntry::worker).containsExactly("hello", "api");
        assertThat(read.get(0).url()).isEqualTo("https://www.bytesized.xyz/");
    }

    @Test
    void textLooksLikeWranglersPrettyFormat() throws IOException {
        StringWriter out = new StringWriter();
        String exception = Entries.fetch("checkout", T.toEpochMilli(), "post", "https://shop.example/pay", "exception",
                "error", "payment failed");

        LogExport.writeText(List.of(Entries.event(1, "checkout", exception), mixed().get(6), mixed().get(8),
                mixed().get(9)), out, ZoneId.of("UTC"));

        assertThat(out.toString()).isEqualTo(""
                + "POST https://shop.example/pay - Exception Thrown @ 11/22/2026, 10:00:00 AM\n"
                + "  (error) payment failed\n"
                + "  TypeError: cart is undefined\n"
                + "--- checkout: Events of checkout may be missing (11/22/2026, 10:00:00 AM to 11/22/2026, 10:00:12 AM) ---\n"
                + "Tail is currently in sampling mode due to the high volume of messages.\n"
                + "\"*/5 * * * *\" @ 11/14/2023, 10:13:20 PM - Ok\n"
                + "  (info) swept 3 {\"rows\":2}\n");
    }

    @Test
    void anUnreadableLineNamesItsNumber() {
        String text = "\n{\"outcome\":\"ok\",\"eventTimestamp\":1}\n{\"outcome\":\n";

        assertThatThrownBy(() -> LogExport.readNdjson(new StringReader(text)))
                .isInstanceOf(TailEventParseException.class)
                .hasMessageContaining("line 3");
    }
}
