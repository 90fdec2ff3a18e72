package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET .../time_travel/bookmark}: a bookmark names one state of the database, for a restore. */
public record D1Bookmark(@JsonProperty("bookmark") String bookmark) {
}
