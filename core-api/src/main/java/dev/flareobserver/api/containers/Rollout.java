package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rollout (containers.md §4): steps replacing instances from {@code current_version} to {@code target_version}. */
public record Rollout(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("last_updated_at") Instant lastUpdatedAt,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("kind") RolloutKind kind,
    @JsonProperty("strategy") RolloutStrategy strategy,
    @JsonProperty("current_version") Integer currentVersion,
    @JsonProperty("target_version") Integer targetVersion,
    @JsonProperty("current_configuration") ContainerConfiguration currentConfiguration,
    @JsonProperty("target_configuration") ContainerConfiguration targetConfiguration,
    @JsonProperty("status") RolloutStatus status,
    @JsonProperty("health") JsonNode health,
    @JsonProperty("steps") List<Step> steps,
    @JsonProperty("progress") Progress progress,
    @JsonProperty("percentage") Integer percentage) {

  public Rollout {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public record Step(
      @JsonProperty("id") Integer id,
      @JsonProperty("step_size") StepSize stepSize,
      @JsonProperty("description") String description,
      @JsonProperty("status") RolloutStepStatus status,
      @JsonProperty("reason") String reason,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("completed_at") Instant completedAt) {
  }

  public record StepSize(@JsonProperty("percentage") int percentage) {
  }

  /** {@code version_distribution}: instances per version (shape unconfirmed; read as version → count). */
  public record Progress(
      @JsonProperty("total_steps") Integer totalSteps,
      @JsonProperty("current_step") Integer currentStep,
      @JsonProperty("updated_instances") Integer updatedInstances,
      @JsonProperty("total_instances") Integer totalInstances,
      @JsonProperty("version_distribution") Map<String, Integer> versionDistribution) {
  }
}
