package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One bucket ({@code r2_bucket}). */
public record R2Bucket(
    @JsonProperty("name") String name,
    @JsonProperty("creation_date") Instant creationDate,
    @JsonProperty("location") R2Location location,
    @JsonProperty("storage_class") R2StorageClass storageClass) {
}
