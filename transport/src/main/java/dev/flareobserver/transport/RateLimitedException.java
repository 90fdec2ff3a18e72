package dev.flareobserver.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** HTTP 429: the rate limit was reached; {@link #retryAfter()} is the server's hint when it gave one. */
public class RateLimitedException extends CloudflareApiException {
  private final Duration retryAfter;

  public RateLimitedException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl, null);
  }

  public RateLimitedException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages,
      String cfRay, String redactedUrl, Duration retryAfter) {
    super(lead(retryAfter), method, httpStatus, errors, messages, cfRay, redactedUrl);
    this.retryAfter = retryAfter;
  }

  private static String lead(Duration retryAfter) {
    return retryAfter == null
        ? "Cloudflare rate limit reached"
        : "Cloudflare rate limit reached; retry after " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s";
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
