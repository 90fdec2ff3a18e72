package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One item of {@code GET .../versions}: a configuration version and the share of instances running it. */
public record ApplicationVersion(
    @JsonProperty("version") int version,
    @JsonProperty("percentage") Double percentage,
    @JsonProperty("configuration") ContainerConfiguration configuration) {
}
