package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A Containers application (containers.md §3): a scheduled app or a Durable-Object-managed one
 * ({@code scheduling_policy: durable_object}, where configuration, versions and rollouts do not apply).
 * {@code health.instances} carries the public counters ({@code active, assigned}) and wrangler's
 * ({@code healthy, failed, starting, scheduling}); absent ones are null.
 */
public record ContainerApplication(
    @JsonProperty("id") String id,
    @JsonProperty("account_id") String accountId,
    @JsonProperty("name") String name,
    @JsonProperty("version") Integer version,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("scheduling_policy") SchedulingPolicy schedulingPolicy,
    @JsonProperty("instances") Integer instances,
    @JsonProperty("max_instances") Integer maxInstances,
    @JsonProperty("configuration") ContainerConfiguration configuration,
    @JsonProperty("constraints") Constraints constraints,
    @JsonProperty("durable_objects") DurableObjects durableObjects,
    @JsonProperty("active_rollout_id") String activeRolloutId,
    @JsonProperty("rollout_active_grace_period") Integer rolloutActiveGracePeriod,
    @JsonProperty("health") Health health) {

  public record Constraints(@JsonProperty("regions") List<String> regions,
                            @JsonProperty("jurisdiction") String jurisdiction) {
  }

  public record DurableObjects(@JsonProperty("namespace_id") String namespaceId) {
  }

  public record Health(@JsonProperty("instances") HealthInstances instances,
                       @JsonProperty("errors") List<HealthError> errors,
                       @JsonProperty("summary") String summary) {
  }

  public record HealthInstances(
      @JsonProperty("active") Integer active,
      @JsonProperty("assigned") Integer assigned,
      @JsonProperty("healthy") Integer healthy,
      @JsonProperty("failed") Integer failed,
      @JsonProperty("starting") Integer starting,
      @JsonProperty("scheduling") Integer scheduling) {
  }

  /** One recent problem: {@code event.name} e.g. {@code VMFailed}, {@code event.type} e.g. {@code Error}. */
  public record HealthError(@JsonProperty("instance_id") String instanceId, @JsonProperty("event") Event event) {
    public record Event(@JsonProperty("name") String name, @JsonProperty("type") String type,
                        @JsonProperty("message") String message, @JsonProperty("time") Instant time) {
    }
  }
}
