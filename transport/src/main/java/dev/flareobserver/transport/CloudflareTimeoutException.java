package dev.flareobserver.transport;

/** Connected (or tried to) but no complete answer arrived in time. */
public class CloudflareTimeoutException extends CloudflareConnectionException {

  public CloudflareTimeoutException(String method, String redactedUrl, Throwable cause) {
    super("Cloudflare did not answer in time", method, redactedUrl, cause);
  }
}
