package dev.flareobserver.transport;

import java.util.List;

/** HTTP 403: the credentials lack permission for this resource. */
public class PermissionDeniedException extends CloudflareApiException {

  public PermissionDeniedException(int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay, String redactedUrl) {
    this(null, httpStatus, errors, messages, cfRay, redactedUrl);
  }

  public PermissionDeniedException(String method, int httpStatus, List<ApiMessage> errors, List<ApiMessage> messages, String cfRay,
      String redactedUrl) {
    super("Cloudflare refused access", method, httpStatus, errors, messages, cfRay, redactedUrl);
  }
}
