package dev.flareobserver.emulator.d1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.flareobserver.emulator.http.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * D1's JSON: databases, and query results written straight to text with a streaming generator (a
 * 100,000-row answer would be slow and large as a tree). {@code /query} rows are objects keyed by column
 * name (a repeated name keeps its first place and its last value, as in JavaScript); {@code /raw} rows are
 * arrays. BLOBs are arrays of byte values, as D1 sends them.
 */
final class D1Json {

    private D1Json() {
    }

    static Map<String, Object> database(D1Catalog.Db db) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", db.uuid());
        out.put("name", db.name());
        out.put("created_at", db.createdAt().toString());
        out.put("version", "production");
        return out;
    }

    static Map<String, Object> details(D1Catalog.Db db, D1Databases.Details details) {
        Map<String, Object> out = database(db);
        out.put("num_tables", details.tables());
        out.put("file_size", details.fileSize());
        out.put("read_replication", Map.of("mode", "disabled"));
        return out;
    }

    /** The {@code result} of {@code /query} ({@code raw == false}) or {@code /raw}. */
    static RawValue results(List<D1Batch.Result> results, boolean raw, String region) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(text)) {
            g.writeStartArray();
            for (D1Batch.Result r : results) {
                g.writeStartObject();
                if (raw) {
                    g.writeObjectFieldStart("results");
                    g.writeArrayFieldStart("columns");
                    for (String c : r.columns()) {
                        g.writeString(c);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("rows");
                    for (Object[] row : r.rows()) {
                        g.writeStartArray();
                        for (Object v : row) {
                            value(g, v);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                } else {
                    objects(g, r);
                }
                g.writeBooleanField("success", true);
                meta(g, r.meta(), region);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawValue(text.toString());
    }

    private static void objects(JsonGenerator g, D1Batch.Result r) throws IOException {
        List<String> columns = r.columns();
        // For each field written: the column whose value it takes (the last one of that name).
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            last.put(columns.get(i), i);
        }
        int[] fields = columns.stream().distinct().mapToInt(last::get).toArray();
        g.writeArrayFieldStart("results");
        for (Object[] row : r.rows()) {
            g.writeStartObject();
            for (int i : fields) {
                g.writeFieldName(columns.get(i));
                value(g, row[i]);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void meta(JsonGenerator g, D1Batch.Meta m, String region) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeStringField("served_by_region", region);
        g.writeBooleanField("served_by_primary", true);
        g.writeObjectFieldStart("timings");
        g.writeNumberField("sql_duration_ms", m.duration());
        g.writeEndObject();
        g.writeNumberField("duration", m.duration());
        g.writeNumberField("changes", m.changes());
        g.writeNumberField("last_row_id", m.lastRowId());
        g.writeBooleanField("changed_db", m.changedDb());
        g.writeNumberField("size_after", m.sizeAfter());
        g.writeNumberField("rows_read", m.rowsRead());
        g.writeNumberField("rows_written", m.rowsWritten());
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof byte[] blob) {
            g.writeStartArray();
            for (byte b : blob) {
                g.writeNumber(b & 0xff);
            }
            g.writeEndArray();
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            g.writeString(v.toString());
        }
    }
}
