package dev.flareobserver.transport;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The envelope's {@code result_info}; which fields are present depends on the pagination style. R2's object
 * list adds {@code delimited} (the common prefixes, "folders", of a listing with a delimiter) and
 * {@code is_truncated} (sent as a string by some answers, so read leniently).
 */
public record ResultInfo(
    @JsonProperty("page") Integer page,
    @JsonProperty("per_page") Integer perPage,
    @JsonProperty("count") Integer count,
    @JsonProperty("total_count") Integer totalCount,
    @JsonProperty("total_pages") Integer totalPages,
    @JsonProperty("cursor") String cursor,
    @JsonProperty("page_token") String pageToken,
    @JsonProperty("next_page_token") String nextPageToken,
    @JsonProperty("delimited") List<String> delimited,
    @JsonProperty("is_truncated") Boolean isTruncated) {

  public ResultInfo {
    delimited = delimited == null ? null : List.copyOf(delimited);
  }

  /** The fields every pagination style shares (no R2 extras). */
  public ResultInfo(Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages,
      String cursor, String pageToken, String nextPageToken) {
    this(page, perPage, count, totalCount, totalPages, cursor, pageToken, nextPageToken, null, null);
  }
}
