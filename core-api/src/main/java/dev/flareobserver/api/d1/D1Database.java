package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A D1 database as listed ({@code d1_database-response}) or fetched ({@code d1_database-details-response}):
 * {@code fileSize} and {@code numTables} come only with {@code GET .../database/{id}} and are null in lists.
 *
 * @param uuid    the database id used in every path
 * @param version "production" for current databases ("alpha" and "beta" were earlier generations)
 */
public record D1Database(
    @JsonProperty("uuid") String uuid,
    @JsonProperty("name") String name,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("version") String version,
    @JsonProperty("file_size") Long fileSize,
    @JsonProperty("num_tables") Integer numTables) {
}
