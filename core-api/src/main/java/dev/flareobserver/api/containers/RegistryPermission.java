package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What issued registry credentials may do. */
public enum RegistryPermission {
  @JsonProperty("pull") PULL,
  @JsonProperty("push") PUSH,
  @JsonProperty("list") LIST
}
