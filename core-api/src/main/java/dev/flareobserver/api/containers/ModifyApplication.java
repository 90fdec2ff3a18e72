package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /applications/{id}}: only the non-null fields change. */
public record ModifyApplication(
    @JsonProperty("instances") Integer instances,
    @JsonProperty("max_instances") Integer maxInstances,
    @JsonProperty("configuration") ContainerConfiguration configuration,
    @JsonProperty("constraints") ContainerApplication.Constraints constraints,
    @JsonProperty("rollout_active_grace_period") Integer rolloutActiveGracePeriod) {

  public static ModifyApplication instances(int value) {
    return new ModifyApplication(value, null, null, null, null);
  }

  public static ModifyApplication configuration(ContainerConfiguration value) {
    return new ModifyApplication(null, null, value, null, null);
  }
}
