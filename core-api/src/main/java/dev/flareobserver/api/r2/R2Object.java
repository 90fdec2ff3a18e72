package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One object as listed ({@code GET .../objects}) or as a put answers. {@code lastModified} is the listing's
 * {@code last_modified}; a put's answer calls the same moment {@code uploaded}.
 */
public record R2Object(
    @JsonProperty("key") String key,
    @JsonProperty("size") long size,
    @JsonProperty("etag") String etag,
    @JsonProperty("last_modified") @JsonAlias("uploaded") Instant lastModified,
    @JsonProperty("http_metadata") R2HttpMetadata httpMetadata,
    @JsonProperty("custom_metadata") Map<String, String> customMetadata,
    @JsonProperty("storage_class") R2StorageClass storageClass) {

  public R2Object {
    httpMetadata = httpMetadata == null ? R2HttpMetadata.none() : httpMetadata;
    customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
  }

  /** The stored content type, or null. */
  public String contentType() {
    return httpMetadata.contentType();
  }
}
