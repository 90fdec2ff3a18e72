package dev.flareobserver.transport;

import java.util.List;

/** HTTP 404: the resource does not exist (or is not visible to these credentials). */
public class NotFoundException extends CloudflareApiException {

  public NotFoundException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public NotFoundException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare could not find the resource", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
