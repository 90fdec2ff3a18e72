package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code meta} of one statement's result ({@code d1_query-meta}, plus the fields the current API adds:
 * {@code served_by_region}, {@code served_by_primary}, {@code timings}). Every field may be absent.
 *
 * @param duration    milliseconds the SQL ran inside the database (no network)
 * @param rowsRead    rows read, indexes included (not all are necessarily returned)
 * @param rowsWritten rows written, indexes included
 * @param changes     rows changed by the statement, as SQLite counts them
 * @param lastRowId   the rowid of the last inserted row
 * @param changedDb   whether the database was altered
 * @param sizeAfter   the database's size in bytes after the statement
 */
public record D1QueryMeta(
    @JsonProperty("duration") Double duration,
    @JsonProperty("rows_read") Long rowsRead,
    @JsonProperty("rows_written") Long rowsWritten,
    @JsonProperty("changes") Long changes,
    @JsonProperty("last_row_id") Long lastRowId,
    @JsonProperty("changed_db") Boolean changedDb,
    @JsonProperty("size_after") Long sizeAfter,
    @JsonProperty("served_by_region") String servedByRegion,
    @JsonProperty("served_by_primary") Boolean servedByPrimary) {
}
