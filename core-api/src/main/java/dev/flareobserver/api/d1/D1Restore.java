package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST .../time_travel/restore}.
 *
 * @param bookmark         the database's bookmark after the restore
 * @param previousBookmark the state before the restore: restore to it to undo
 */
public record D1Restore(
    @JsonProperty("bookmark") String bookmark,
    @JsonProperty("previous_bookmark") String previousBookmark,
    @JsonProperty("message") String message) {
}
