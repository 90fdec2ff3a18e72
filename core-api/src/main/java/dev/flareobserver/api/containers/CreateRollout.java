package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST .../rollouts}. {@code description}, {@code strategy} and {@code target_configuration} are
 * required; at most one of {@code step_percentage} (5, 10, 20, 25, 50 or 100) and {@code steps} (each 10..100 %).
 */
public record CreateRollout(
    @JsonProperty("description") String description,
    @JsonProperty("strategy") RolloutStrategy strategy,
    @JsonProperty("target_configuration") ContainerConfiguration targetConfiguration,
    @JsonProperty("kind") RolloutKind kind,
    @JsonProperty("step_percentage") Integer stepPercentage,
    @JsonProperty("steps") List<StepSpec> steps,
    @JsonProperty("percentage") Integer percentage) {

  private static final Set<Integer> STEP_PERCENTAGES = Set.of(5, 10, 20, 25, 50, 100);

  public CreateRollout {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("A rollout needs a description");
    }
    if (strategy == null || strategy == RolloutStrategy.UNKNOWN) {
      throw new IllegalArgumentException("A rollout needs a strategy (rolling)");
    }
    if (targetConfiguration == null) {
      throw new IllegalArgumentException("A rollout needs a target_configuration");
    }
    if (stepPercentage != null && steps != null) {
      throw new IllegalArgumentException("Give step_percentage or steps, not both");
    }
    if (stepPercentage != null && !STEP_PERCENTAGES.contains(stepPercentage)) {
      throw new IllegalArgumentException("step_percentage must be one of 5, 10, 20, 25, 50, 100; was " + stepPercentage);
    }
    if (steps != null) {
      for (StepSpec s : steps) {
        int p = s.stepSize() == null ? 0 : s.stepSize().percentage();
        if (p < 10 || p > 100) {
          throw new IllegalArgumentException("Each step's percentage must be between 10 and 100; was " + p);
        }
      }
      steps = List.copyOf(steps);
    }
  }

  /** What {@code wrangler deploy} sends: a rolling, automatic rollout in steps of {@code stepPercentage}. */
  public static CreateRollout rolling(String description, ContainerConfiguration target, int stepPercentage) {
    return new CreateRollout(description, RolloutStrategy.ROLLING, target, RolloutKind.FULL_AUTO, stepPercentage,
        null, null);
  }

  public record StepSpec(@JsonProperty("step_size") Rollout.StepSize stepSize,
                         @JsonProperty("description") String description) {
  }
}
