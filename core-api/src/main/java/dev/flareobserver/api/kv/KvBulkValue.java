package dev.flareobserver.api.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One value from a bulk get: the value as text (or parsed JSON with {@code type=json}), and with
 * {@code withMetadata} its metadata and expiration (null when absent or not asked for).
 */
public record KvBulkValue(JsonNode value, JsonNode metadata, Long expiration) {

  public KvBulkValue {
    metadata = KvJson.orNull(metadata);
  }

  /** The value as text (a JSON value is given as its JSON text). */
  public String text() {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
