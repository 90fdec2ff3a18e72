package dev.flareobserver.transport;

/** Root of every failure the transport reports; unchecked so callers handle it where it matters. */
public class CloudflareException extends RuntimeException {

  public CloudflareException(String message) {
    super(message);
  }

  public CloudflareException(String message, Throwable cause) {
    super(message, cause);
  }
}
