package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rollout's {@code strategy}. */
public enum RolloutStrategy {
  @JsonProperty("rolling") ROLLING,
  @JsonProperty("new_instances") NEW_INSTANCES,
  @JsonEnumDefaultValue UNKNOWN
}
