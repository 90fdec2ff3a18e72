package dev.flareobserver.transport;

import java.time.Duration;

/** What the decoder needs to know about a response besides its body and status. */
public record ResponseContext(String method, String redactedUrl, String contentType, String cfRay, Duration retryAfter) {

  public static ResponseContext none() {
    return new ResponseContext(null, null, null, null, null);
  }
}
