package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Body of {@code POST .../deployments}: {@code {strategy: "percentage", versions[], annotations?}}. */
public record CreateDeployment(
    @JsonProperty("strategy") String strategy,
    @JsonProperty("versions") List<Deployment.VersionPercentage> versions,
    @JsonProperty("annotations") Map<String, String> annotations) {

  public static final String PERCENTAGE = "percentage";

  public CreateDeployment {
    Objects.requireNonNull(strategy, "strategy");
    if (versions == null || versions.isEmpty()) {
      throw new IllegalArgumentException("A deployment needs at least one version");
    }
    versions = List.copyOf(versions);
    double total = 0;
    for (Deployment.VersionPercentage v : versions) {
      if (v.versionId() == null || v.versionId().isBlank()) {
        throw new IllegalArgumentException("Every version of a deployment needs a version_id");
      }
      if (v.percentage() < 0.01 || v.percentage() > 100) {
        throw new IllegalArgumentException("A version's percentage must be between 0.01 and 100, was " + v.percentage());
      }
      total += v.percentage();
    }
    // Cloudflare refuses splits that do not add up; failing here saves a round trip.
    if (Math.abs(total - 100) > 0.001) {
      throw new IllegalArgumentException("The versions' percentages must add up to 100, they add up to " + total);
    }
    annotations = annotations == null || annotations.isEmpty() ? null : Map.copyOf(annotations);
  }

  /** All traffic to one version, with an optional {@code workers/message}. */
  public static CreateDeployment allTo(String versionId, String message) {
    return new CreateDeployment(PERCENTAGE, List.of(new Deployment.VersionPercentage(versionId, 100)),
        message == null ? null : Map.of(Deployment.MESSAGE, message));
  }
}
