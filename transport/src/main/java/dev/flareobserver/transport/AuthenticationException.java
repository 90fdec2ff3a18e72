package dev.flareobserver.transport;

import java.util.List;

/** HTTP 401: the credentials were not accepted. */
public class AuthenticationException extends CloudflareApiException {

  public AuthenticationException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public AuthenticationException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare did not accept the credentials", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
