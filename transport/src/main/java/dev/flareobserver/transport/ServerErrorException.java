package dev.flareobserver.transport;

import java.util.List;

/** HTTP 5xx: Cloudflare failed to handle the request. */
public class ServerErrorException extends CloudflareApiException {

  public ServerErrorException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public ServerErrorException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare had a server error", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
