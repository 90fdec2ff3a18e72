package dev.flareobserver.transport;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The envelope's {@code result_info}; which fields are present depends on the pagination style. */
public record ResultInfo(
    @JsonProperty("page") Integer page,
    @JsonProperty("per_page") Integer perPage,
    @JsonProperty("count") Integer count,
    @JsonProperty("total_count") Integer totalCount,
    @JsonProperty("total_pages") Integer totalPages,
    @JsonProperty("cursor") String cursor,
    @JsonProperty("page_token") String pageToken,
    @JsonProperty("next_page_token") String nextPageToken) {
}
