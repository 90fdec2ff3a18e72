package dev.flareobserver.orchestration.resources.d1;

import dev.flareobserver.api.d1.D1RawResult;
import java.time.Duration;
import java.util.List;

/**
 * What one run of the SQL console got back: one result per statement (columns and row arrays, compact even
 * for 100,000 rows), whether it was a writing query, and how long the request took end to end.
 */
public record D1QueryRun(List<D1RawResult> results, boolean wrote, Duration elapsed) {

    public D1QueryRun {
        results = List.copyOf(results);
    }

    /** The result a grid shows: the last statement that returned columns, else the last one; null when none. */
    public D1RawResult shown() {
        for (int i = results.size() - 1; i >= 0; i--) {
            if (!results.get(i).results().columns().isEmpty()) {
                return results.get(i);
            }
        }
        return results.isEmpty() ? null : results.get(results.size() - 1);
    }

    /** Rows read by every statement together (D1's meta, 0 where it says nothing). */
    public long rowsRead() {
        return results.stream().mapToLong(r -> r.meta() == null || r.meta().rowsRead() == null ? 0
                : r.meta().rowsRead()).sum();
    }

    public long rowsWritten() {
        return results.stream().mapToLong(r -> r.meta() == null || r.meta().rowsWritten() == null ? 0
                : r.meta().rowsWritten()).sum();
    }

    public long changes() {
        return results.stream().mapToLong(r -> r.meta() == null || r.meta().changes() == null ? 0
                : r.meta().changes()).sum();
    }

    /** Milliseconds the SQL ran inside the database, all statements together. */
    public double sqlMillis() {
        return results.stream().mapToDouble(r -> r.meta() == null || r.meta().duration() == null ? 0
                : r.meta().duration()).sum();
    }
}
