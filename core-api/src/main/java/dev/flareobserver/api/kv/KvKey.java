package dev.flareobserver.api.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One key as listed ({@code workers-kv_key}): its name, when it expires (epoch seconds; null when it does not)
 * and its metadata (null when it has none).
 */
public record KvKey(
    @JsonProperty("name") String name,
    @JsonProperty("expiration") Long expiration,
    @JsonProperty("metadata") JsonNode metadata) {

  public KvKey {
    metadata = KvJson.orNull(metadata);
  }
}
