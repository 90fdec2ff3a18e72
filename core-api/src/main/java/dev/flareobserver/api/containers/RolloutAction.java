package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST .../rollouts/{rollout_id}} {@code {action}} (wrangler's internal client). */
public enum RolloutAction {
  /** Start the next step of a manual rollout. */
  @JsonProperty("next") NEXT,
  /** Undo the last completed step. */
  @JsonProperty("previous") PREVIOUS,
  /** Go back to the version the rollout started from. */
  @JsonProperty("revert") REVERT
}
