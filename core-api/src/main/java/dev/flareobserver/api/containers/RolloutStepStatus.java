package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rollout step's {@code status}. */
public enum RolloutStepStatus {
  @JsonProperty("pending") PENDING,
  @JsonProperty("progressing") PROGRESSING,
  @JsonProperty("reverting") REVERTING,
  @JsonProperty("completed") COMPLETED,
  @JsonProperty("reverted") REVERTED,
  @JsonEnumDefaultValue UNKNOWN
}
