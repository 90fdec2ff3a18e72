package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One item of {@code GET .../instances-v2}: state, where it runs and what it was given
 * ({@code configuration.memory} in MiB, {@code disk} in MB). Region codes: AFR, APAC, EEUR, ENAM, WNAM, ME, OC, SAM, WEUR.
 */
public record ContainerInstanceV2(
    @JsonProperty("id") String id,
    @JsonProperty("application_id") String applicationId,
    @JsonProperty("image") String image,
    @JsonProperty("name") String name,
    @JsonProperty("started_at") Instant startedAt,
    @JsonProperty("configuration") Resources configuration,
    @JsonProperty("location") Location location,
    @JsonProperty("status") Status status) {

  public record Resources(@JsonProperty("vcpu") Double vcpu, @JsonProperty("memory") Integer memory,
                          @JsonProperty("disk") Integer disk) {
  }

  public record Location(@JsonProperty("name") String name, @JsonProperty("region") String region) {
  }

  public record Status(@JsonProperty("state") InstanceState state,
                       @JsonProperty("updated_at") Instant updatedAt,
                       @JsonProperty("exit_code") Integer exitCode) {
  }

  public InstanceState state() {
    return status == null || status.state() == null ? InstanceState.UNKNOWN : status.state();
  }
}
