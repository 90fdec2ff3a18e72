package dev.flareobserver.api;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of an API token as reported by the verify endpoints. */
public enum TokenStatus {
  @JsonProperty("active") ACTIVE,
  @JsonProperty("disabled") DISABLED,
  @JsonProperty("expired") EXPIRED,
  @JsonEnumDefaultValue UNKNOWN
}
