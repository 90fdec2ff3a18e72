package dev.flareobserver.api.kv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One item of a bulk write ({@code workers-kv_bulk_write}), which is also wrangler's bulk JSON file format:
 * {@code {key, value, base64?, expiration?, expiration_ttl?, metadata?}}. With {@code base64} the value is the
 * base64 of the bytes to store (binary values); without, it is the text stored as UTF-8.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KvBulkEntry(
    @JsonProperty("key") String key,
    @JsonProperty("value") String value,
    @JsonProperty("base64") Boolean base64,
    @JsonProperty("expiration") Long expiration,
    @JsonProperty("expiration_ttl") Long expirationTtl,
    @JsonProperty("metadata") JsonNode metadata) {

  public KvBulkEntry {
    metadata = KvJson.orNull(metadata);
  }

  /** A text value. */
  public static KvBulkEntry text(String key, String value) {
    return new KvBulkEntry(key, value, null, null, null, null);
  }

  /** Any bytes, base64-encoded. */
  public static KvBulkEntry binary(String key, byte[] value) {
    return new KvBulkEntry(key, Base64.getEncoder().encodeToString(value), true, null, null, null);
  }

  public boolean isBase64() {
    return Boolean.TRUE.equals(base64);
  }

  /**
   * The bytes this item stores.
   *
   * @throws IllegalArgumentException when {@code base64} is set and the value is not base64
   */
  public byte[] valueBytes() {
    if (value == null) {
      return null;
    }
    return isBase64() ? Base64.getDecoder().decode(value) : value.getBytes(StandardCharsets.UTF_8);
  }

  public KvBulkEntry withExpiration(Long epochSeconds) {
    return new KvBulkEntry(key, value, base64, epochSeconds, expirationTtl, metadata);
  }

  public KvBulkEntry withExpirationTtl(Long seconds) {
    return new KvBulkEntry(key, value, base64, expiration, seconds, metadata);
  }

  public KvBulkEntry withMetadata(JsonNode value) {
    return new KvBulkEntry(key, this.value, base64, expiration, expirationTtl, value);
  }
}
