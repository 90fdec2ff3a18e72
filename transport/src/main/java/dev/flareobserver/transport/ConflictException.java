package dev.flareobserver.transport;

import java.util.List;

/** HTTP 409: the change conflicts with the current state (e.g. the name is taken). */
public class ConflictException extends CloudflareApiException {

  public ConflictException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public ConflictException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare reported a conflict", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
