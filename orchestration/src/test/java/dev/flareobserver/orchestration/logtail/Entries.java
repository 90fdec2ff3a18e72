package dev.flareobserver.orchestration.logtail;

import dev.flareobserver.api.workers.TailEventParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Realistic tail messages and the entries made from them. */
final class Entries {
    static final TailEventParser PARSER = new TailEventParser();

    private Entries() {
    }

    /** A fetch event as the service sends it (about 700 bytes with its headers and cf object). */
    static String fetch(String worker, long timestamp, String method, String url, String outcome, String level,
                        String log) {
        return "{\"wallTime\":12,\"cpuTime\":3,\"truncated\":false,\"executionModel\":\"stateless\",\"outcome\":\""
                + outcome + "\",\"scriptName\":\"" + worker + "\",\"diagnosticsChannelEvents\":[],\"exceptions\":"
                + ("exception".equals(outcome) ? "[{\"name\":\"TypeError\",\"message\":\"cart is undefined\","
                + "\"timestamp\":" + timestamp + "}]" : "[]")
                + ",\"logs\":[{\"message\":[\"" + log + "\"],\"level\":\"" + level + "\",\"timestamp\":" + timestamp
                + "}],\"eventTimestamp\":" + timestamp + ",\"event\":{\"request\":{\"url\":\"" + url
                + "\",\"method\":\"" + method + "\",\"headers\":{\"accept\":\"application/json\",\"user-agent\":"
                + "\"Mozilla/5.0 (X11; Linux x86_64)\",\"cf-connecting-ip\":\"203.0.113.7\",\"x-request-id\":"
                + "\"8f3c2a1b-4d5e-6f70-8192-a3b4c5d6e7f8\"},\"cf\":{\"colo\":\"FRA\",\"asn\":3320,\"asOrganization\":"
                + "\"Deutsche Telekom AG\",\"country\":\"DE\",\"city\":\"Frankfurt am Main\",\"tlsCipher\":"
                + "\"AEAD-AES128-GCM-SHA256\",\"tlsVersion\":\"TLSv1.3\",\"httpProtocol\":\"HTTP/2\",\"clientTcpRtt\":14}},"
                + "\"response\":{\"status\":" + ("ok".equals(outcome) ? 200 : 500) + "}}}";
    }

    static LogEntry event(long seq, String worker, String json) {
        return LogEntries.fromEvent(seq, worker, PARSER.parse(json), json, Instant.EPOCH);
    }

    /** {@code n} fetch entries numbered from {@code firstSeq}, alternating Workers and outcomes. */
    static List<LogEntry> events(long firstSeq, int n) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = firstSeq + i;
            String worker = seq % 2 == 0 ? "checkout" : "search";
            String outcome = seq % 5 == 0 ? "exception" : "ok";
            out.add(event(seq, worker, fetch(worker, 1_700_000_000_000L + seq, "GET",
                    "https://shop.example/item/" + seq, outcome, seq % 3 == 0 ? "warn" : "log", "line " + seq)));
        }
        return out;
    }
}
