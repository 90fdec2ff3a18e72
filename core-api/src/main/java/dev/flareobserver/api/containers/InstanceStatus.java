package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code status.status} of a v1 instance (get, create, v1 list). */
public enum InstanceStatus {
  @JsonProperty("starting") STARTING,
  @JsonProperty("running") RUNNING,
  @JsonProperty("healthy") HEALTHY,
  @JsonProperty("stopping") STOPPING,
  @JsonProperty("stopped") STOPPED,
  @JsonProperty("stopped_with_code") STOPPED_WITH_CODE,
  @JsonEnumDefaultValue UNKNOWN
}
