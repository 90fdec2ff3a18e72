package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A version of a Worker ({@code workers_version-item-short}; {@code resources} only in the single-version answer).
 * {@code annotations} holds e.g. {@code workers/message} and {@code workers/tag}.
 */
public record WorkerVersion(
    @JsonProperty("id") String id,
    @JsonProperty("number") int number,
    @JsonProperty("metadata") Metadata metadata,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("resources") JsonNode resources) {

  public static final String MESSAGE = "workers/message";
  public static final String TAG = "workers/tag";

  public WorkerVersion {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public String message() {
    return annotations.get(MESSAGE);
  }

  public record Metadata(
      @JsonProperty("author_email") String authorEmail,
      @JsonProperty("author_id") String authorId,
      @JsonProperty("created_on") Instant createdOn,
      @JsonProperty("modified_on") Instant modifiedOn,
      @JsonProperty("source") String source) {
  }
}
