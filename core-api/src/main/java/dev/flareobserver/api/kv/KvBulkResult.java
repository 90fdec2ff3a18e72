package dev.flareobserver.api.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a bulk write or delete: how many keys were written, and the keys that were not and should be
 * retried. Older answers carry no result; then both are unknown (count null, list empty).
 */
public record KvBulkResult(
    @JsonProperty("successful_key_count") Integer successfulKeyCount,
    @JsonProperty("unsuccessful_keys") List<String> unsuccessfulKeys) {

  public KvBulkResult {
    unsuccessfulKeys = unsuccessfulKeys == null ? List.of() : List.copyOf(unsuccessfulKeys);
  }

  static KvBulkResult unknown() {
    return new KvBulkResult(null, List.of());
  }
}
