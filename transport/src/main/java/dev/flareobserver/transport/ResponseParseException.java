package dev.flareobserver.transport;

/** An answer arrived but is not a v4 envelope: HTML, truncated JSON, or JSON of another shape. */
public class ResponseParseException extends CloudflareException {
  private final int httpStatus;
  private final String contentType;
  private final String bodySnippet;
  private final String redactedUrl;

  public ResponseParseException(String problem, int httpStatus, String contentType, String bodySnippet,
      String method, String redactedUrl, Throwable cause) {
    super("Cloudflare sent a response that could not be read: " + problem + " (HTTP " + httpStatus
        + (contentType == null || contentType.isEmpty() ? "" : ", " + contentType) + ") "
        + (method == null ? "" : method + " ") + redactedUrl
        + (bodySnippet == null || bodySnippet.isEmpty() ? "" : "; body starts with: " + bodySnippet), cause);
    this.httpStatus = httpStatus;
    this.contentType = contentType;
    this.bodySnippet = bodySnippet;
    this.redactedUrl = redactedUrl;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String contentType() {
    return contentType;
  }

  public String bodySnippet() {
    return bodySnippet;
  }

  public String redactedUrl() {
    return redactedUrl;
  }
}
