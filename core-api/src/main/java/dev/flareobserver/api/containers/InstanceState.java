package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code status.state} of a v2 instance ({@code instances-v2}). */
public enum InstanceState {
  @JsonProperty("provisioning") PROVISIONING,
  @JsonProperty("running") RUNNING,
  @JsonProperty("failed") FAILED,
  @JsonProperty("stopping") STOPPING,
  @JsonProperty("stopped") STOPPED,
  @JsonProperty("unhealthy") UNHEALTHY,
  @JsonProperty("inactive") INACTIVE,
  @JsonProperty("unknown") @JsonEnumDefaultValue UNKNOWN;

  /** Still running or about to: counted as active by the {@code state=active} filter. */
  public boolean isActive() {
    return this == PROVISIONING || this == RUNNING || this == UNHEALTHY || this == STOPPING;
  }
}
