package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /applications} as wrangler's deploy sends it (containers.md §5). {@code name} and
 * {@code configuration.image} are required; the client checks both before sending.
 */
public record CreateApplication(
    @JsonProperty("name") String name,
    @JsonProperty("scheduling_policy") SchedulingPolicy schedulingPolicy,
    @JsonProperty("configuration") ContainerConfiguration configuration,
    @JsonProperty("instances") Integer instances,
    @JsonProperty("max_instances") Integer maxInstances,
    @JsonProperty("constraints") ContainerApplication.Constraints constraints,
    @JsonProperty("durable_objects") ContainerApplication.DurableObjects durableObjects,
    @JsonProperty("rollout_active_grace_period") Integer rolloutActiveGracePeriod) {

  /** A scheduled application running {@code instances} copies of {@code configuration}. */
  public static CreateApplication scheduled(String name, ContainerConfiguration configuration, int instances) {
    return new CreateApplication(name, SchedulingPolicy.DEFAULT, configuration, instances, null, null, null, null);
  }
}
