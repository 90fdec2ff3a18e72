package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Set;

/**
 * Body of {@code POST .../instances/{id}/fetch}: {@code url} is a path on the instance, {@code method} GET … OPTIONS
 * (default GET). The encoding of {@code body} is unconfirmed; this client sends and reads it as text.
 */
public record FetchRequest(
    @JsonProperty("url") String url,
    @JsonProperty("method") String method,
    @JsonProperty("headers") Map<String, String> headers,
    @JsonProperty("body") String body) {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  public FetchRequest {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("fetch needs a url (a path such as /health)");
    }
    if (method != null && !METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + METHODS + ", was '" + method + "'");
    }
  }

  public static FetchRequest get(String path) {
    return new FetchRequest(path, "GET", null, null);
  }

  /** The instance's answer. */
  public record Result(@JsonProperty("status") int status,
                       @JsonProperty("headers") Map<String, String> headers,
                       @JsonProperty("body") String body) {
  }
}
