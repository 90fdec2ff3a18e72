package dev.flareobserver.api.workers;

import dev.flareobserver.transport.CloudflareException;

/** A tail message that is not a JSON object (truncated, not JSON, or another shape). */
public class TailEventParseException extends CloudflareException {
  private final String problem;
  private final String snippet;

  public TailEventParseException(String problem, String snippet, Throwable cause) {
    super("A tail message could not be read: " + problem
        + (snippet == null || snippet.isEmpty() ? "" : "; message starts with: " + snippet), cause);
    this.problem = problem;
    this.snippet = snippet;
  }

  /** What is wrong, without the snippet ({@code "not valid JSON (...)"}). */
  public String problem() {
    return problem;
  }

  /** The start of the offending message (at most 120 characters). */
  public String snippet() {
    return snippet;
  }
}
