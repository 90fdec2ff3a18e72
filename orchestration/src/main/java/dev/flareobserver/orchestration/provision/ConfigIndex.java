package dev.flareobserver.orchestration.provision;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the tables and keys of a config are in its text: for messages that point at the offending entry
 * and for write-back edits that touch nothing else. Paths are dotted keys with array indexes:
 * {@code env.staging.kv_namespaces[0]}, {@code queues.producers[1].queue}; the root table is {@code ""}.
 */
final class ConfigIndex {

    /** One key and its value's span ({@code valueEnd} exclusive). Line and column are the key's, 1-based. */
    record Entry(String path, int line, int column, int valueStart, int valueEnd) {
    }

    /**
     * A table (TOML header table, TOML inline table or JSON object). {@code end} is where a new key goes: for
     * a TOML {@code [[header]]} table just after its last key line; for inline tables and JSON objects the
     * offset of the closing brace.
     */
    static final class Table {
        final String path;
        final int start;
        final int line;
        final int column;
        final boolean braced;
        int end;
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Table(String path, int start, int line, int column, boolean braced) {
            this.path = path;
            this.start = start;
            this.line = line;
            this.column = column;
            this.braced = braced;
        }

        Entry lastEntry() {
            Entry last = null;
            for (Entry e : entries.values()) {
                last = e;
            }
            return last;
        }
    }

    private final Map<String, Table> tables = new HashMap<>();
    private final Map<String, Entry> keys = new HashMap<>();

    void add(Table table) {
        tables.putIfAbsent(table.path, table);
    }

    void add(Table table, String key, Entry entry) {
        table.entries.put(key, entry);
        keys.put(entry.path(), entry);
    }

    Table table(String path) {
        return tables.get(path);
    }

    /** The key or table at {@code path}, else the nearest enclosing one, else 1:1. */
    SourceLocation locate(java.nio.file.Path file, String path) {
        String p = path;
        while (true) {
            Entry e = keys.get(p);
            if (e != null) {
                return new SourceLocation(file, e.line(), e.column());
            }
            Table t = tables.containsKey(p) ? tables.get(p) : tables.get(element(p, 0));
            if (t != null) {
                return new SourceLocation(file, t.line, t.column);
            }
            if (p.isEmpty()) {
                return new SourceLocation(file, 1, 1);
            }
            p = parent(p);
        }
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String array, int index) {
        return array + "[" + index + "]";
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** 1-based line and column of a char offset. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
