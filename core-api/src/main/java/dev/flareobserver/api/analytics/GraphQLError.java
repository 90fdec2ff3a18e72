package dev.flareobserver.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One item of a GraphQL answer's {@code errors[]}: {@code message}, {@code path}, {@code extensions.timestamp}. */
public record GraphQLError(
    @JsonProperty("message") String message,
    @JsonProperty("path") List<Object> path,
    @JsonProperty("extensions") Map<String, Object> extensions) {

  public GraphQLError {
    path = path == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(path));
    extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
  }

  /** {@code viewer.accounts.0.current}, or empty. */
  public String pathText() {
    return path.stream().map(String::valueOf).collect(Collectors.joining("."));
  }

  @Override
  public String toString() {
    return path.isEmpty() ? String.valueOf(message) : message + " (at " + pathText() + ")";
  }
}
