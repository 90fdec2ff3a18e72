package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deployment: which versions serve which share of traffic ({@code workers_deployments-base} with the
 * {@code percentage} strategy). {@code annotations} holds {@code workers/message} and {@code workers/triggered_by}.
 */
public record Deployment(
    @JsonProperty("id") String id,
    @JsonProperty("created_on") Instant createdOn,
    @JsonProperty("source") String source,
    @JsonProperty("strategy") String strategy,
    @JsonProperty("author_email") String authorEmail,
    @JsonProperty("versions") List<VersionPercentage> versions,
    @JsonProperty("annotations") Map<String, String> annotations) {

  public static final String MESSAGE = "workers/message";
  public static final String TRIGGERED_BY = "workers/triggered_by";

  public Deployment {
    versions = versions == null ? List.of() : List.copyOf(versions);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String message() {
    return annotations.get(MESSAGE);
  }

  public record VersionPercentage(
      @JsonProperty("version_id") String versionId,
      @JsonProperty("percentage") double percentage) {
  }
}
