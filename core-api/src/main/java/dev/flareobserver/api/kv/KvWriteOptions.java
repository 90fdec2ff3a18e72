package dev.flareobserver.api.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a value is written: {@code expiration} (epoch seconds) or {@code expirationTtl} (seconds from now; Cloudflare
 * uses it when both are set), and {@code metadata} (any JSON; null for none). All null: never expires, no metadata.
 */
public record KvWriteOptions(Long expiration, Long expirationTtl, JsonNode metadata) {

  public KvWriteOptions {
    metadata = KvJson.orNull(metadata);
  }

  public static KvWriteOptions none() {
    return new KvWriteOptions(null, null, null);
  }

  public KvWriteOptions withExpiration(Long epochSeconds) {
    return new KvWriteOptions(epochSeconds, expirationTtl, metadata);
  }

  public KvWriteOptions withExpirationTtl(Long seconds) {
    return new KvWriteOptions(expiration, seconds, metadata);
  }

  public KvWriteOptions withMetadata(JsonNode value) {
    return new KvWriteOptions(expiration, expirationTtl, value);
  }
}
