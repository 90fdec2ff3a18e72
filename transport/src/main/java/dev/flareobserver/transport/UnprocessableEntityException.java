package dev.flareobserver.transport;

import java.util.List;

/** HTTP 422: the request was understood but its content is not acceptable. */
public class UnprocessableEntityException extends CloudflareApiException {

  public UnprocessableEntityException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public UnprocessableEntityException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare could not process the request", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
