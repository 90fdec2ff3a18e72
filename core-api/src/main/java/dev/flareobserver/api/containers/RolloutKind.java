package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A rollout's {@code kind}: automatic steps, manual steps ({@code action: next}), or Durable-Object-driven. */
public enum RolloutKind {
  @JsonProperty("full_auto") FULL_AUTO,
  @JsonProperty("full_manual") FULL_MANUAL,
  @JsonProperty("durable_objects_auto") DURABLE_OBJECTS_AUTO,
  @JsonEnumDefaultValue UNKNOWN
}
