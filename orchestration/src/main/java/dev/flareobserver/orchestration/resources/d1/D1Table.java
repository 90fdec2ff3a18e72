package dev.flareobserver.orchestration.resources.d1;

import java.util.List;

/**
 * A table or view of a database and its columns (from {@code sqlite_master} and {@code PRAGMA table_info}).
 *
 * @param type "table" or "view"
 * @param sql  its CREATE statement
 */
public record D1Table(String name, String type, String sql, List<Column> columns) {

    public D1Table {
        columns = List.copyOf(columns);
    }

    /**
     * @param type         the declared type ("INTEGER", "TEXT", ... or "" when none)
     * @param primaryKey   its position in the primary key (1-based), 0 when not part of it
     * @param defaultValue the default as SQL text, or null
     */
    public record Column(String name, String type, boolean notNull, int primaryKey, String defaultValue) {
    }

    public boolean isView() {
        return "view".equals(type);
    }
}
