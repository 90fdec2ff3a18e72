package dev.flareobserver.transport;

/** The request never got an HTTP answer: refused, reset, DNS failure, TLS failure. */
public class CloudflareConnectionException extends CloudflareException {
  private final String method;
  private final String redactedUrl;

  public CloudflareConnectionException(String method, String redactedUrl, Throwable cause) {
    this("Could not reach Cloudflare", method, redactedUrl, cause);
  }

  protected CloudflareConnectionException(String lead, String method, String redactedUrl, Throwable cause) {
    super(lead + " (" + Redactor.redact(String.valueOf(cause == null ? "" : cause.getMessage()))
        + ") " + method + " " + redactedUrl, cause);
    this.method = method;
    this.redactedUrl = redactedUrl;
  }

  public String method() {
    return method;
  }

  public String redactedUrl() {
    return redactedUrl;
  }
}
