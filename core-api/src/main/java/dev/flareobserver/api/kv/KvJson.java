package dev.flareobserver.api.kv;

import com.fasterxml.jackson.databind.JsonNode;

/** Small JSON helpers of the KV records. */
final class KvJson {

  private KvJson() {
  }

  /** JSON {@code null} and absent both mean "no metadata". */
  static JsonNode orNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }
}
