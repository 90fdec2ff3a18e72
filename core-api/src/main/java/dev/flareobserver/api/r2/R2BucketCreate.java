package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST .../r2/buckets}; a null hint or class is left out (the server's default). */
public record R2BucketCreate(
    @JsonProperty("name") String name,
    @JsonProperty("locationHint") R2Location locationHint,
    @JsonProperty("storageClass") R2StorageClass storageClass) {

  public static R2BucketCreate named(String name) {
    return new R2BucketCreate(name, null, null);
  }
}
