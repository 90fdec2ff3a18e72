package dev.flareobserver.transport;

import java.util.List;

/** HTTP 400: the request was malformed or had invalid parameters. */
public class BadRequestException extends CloudflareApiException {

  public BadRequestException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public BadRequestException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare rejected the request as invalid", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
