package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One statement's result from {@code POST .../query} ({@code d1_query-result-response}): each row an object
 * keyed by column name (a later column with the same name wins, as in JavaScript). For large results prefer
 * {@link D1DatabasesClient#raw}, which keeps column order and duplicates and costs far less.
 */
public record D1QueryResult(
    @JsonProperty("results") List<Map<String, Object>> results,
    @JsonProperty("success") Boolean success,
    @JsonProperty("meta") D1QueryMeta meta) {

  public D1QueryResult {
    results = results == null ? List.of() : results;
  }
}
