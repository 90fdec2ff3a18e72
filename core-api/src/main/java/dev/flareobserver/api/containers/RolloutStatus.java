package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rollout's {@code status}. */
public enum RolloutStatus {
  @JsonProperty("pending") PENDING,
  @JsonProperty("progressing") PROGRESSING,
  @JsonProperty("completed") COMPLETED,
  @JsonProperty("reverted") REVERTED,
  @JsonProperty("replaced") REPLACED,
  @JsonEnumDefaultValue UNKNOWN;

  public boolean isFinished() {
    return this == COMPLETED || this == REVERTED || this == REPLACED;
  }
}
