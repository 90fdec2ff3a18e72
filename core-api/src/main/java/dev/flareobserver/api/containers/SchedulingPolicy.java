package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code scheduling_policy}: the public values; wrangler's internal ones ({@code moon}, {@code gpu}, ...) read as UNKNOWN. */
public enum SchedulingPolicy {
  @JsonProperty("default") DEFAULT,
  @JsonProperty("durable_object") DURABLE_OBJECT,
  @JsonProperty("regional") REGIONAL,
  @JsonEnumDefaultValue UNKNOWN
}
