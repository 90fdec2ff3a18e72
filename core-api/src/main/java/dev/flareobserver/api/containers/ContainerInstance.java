package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A v1 instance ({@code GET|POST .../instances}, {@code GET .../instances/{id}}); {@code last_change} is epoch ms. */
public record ContainerInstance(
    @JsonProperty("id") String id,
    @JsonProperty("application_id") String applicationId,
    @JsonProperty("name") String name,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("deployment_id") String deploymentId,
    @JsonProperty("placement_id") String placementId,
    @JsonProperty("ingress_url") String ingressUrl,
    @JsonProperty("status") Status status) {

  public record Status(@JsonProperty("status") InstanceStatus status,
                       @JsonProperty("last_change") Long lastChange,
                       @JsonProperty("exit_code") Integer exitCode) {
  }
}
