package dev.flareobserver.emulator.stats;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served per "METHOD /path/{template}" since start or the last reset. Keys use the route
 * template, so tests can assert "one GET /accounts/{account_id}" without knowing ids. Requests
 * that match no route are counted under {@link #UNMATCHED} to keep the key set bounded.
 */
public final class RequestStats {

    public static final String UNMATCHED = "(no route)";

    /** An immutable copy: {@code since} and the counts, keys sorted. */
    public record Snapshot(Instant since, Map<String, Long> requests) {

        public Snapshot {
            requests = Collections.unmodifiableMap(new TreeMap<>(requests));
        }

        /** Count for "METHOD /template", 0 when never requested. */
        public long count(String methodAndTemplate) {
            return requests.getOrDefault(methodAndTemplate, 0L);
        }

        public long total() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Clock clock;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile Instant since;

    public RequestStats(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    public void record(String method, String template) {
        counts.computeIfAbsent(method + " " + (template == null ? UNMATCHED : template), k -> new LongAdder()).increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return new Snapshot(since, copy);
    }

    /** Zeroes the counts and restarts {@code since}. */
    public void reset() {
        counts.clear();
        since = clock.instant();
    }
}
