package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One statement's result from {@code POST .../raw} ({@code d1_raw-result-response}): columns and row arrays. */
public record D1RawResult(
    @JsonProperty("results") D1Rows results,
    @JsonProperty("success") Boolean success,
    @JsonProperty("meta") D1QueryMeta meta) {

  public D1RawResult {
    results = results == null ? D1Rows.EMPTY : results;
  }
}
