package dev.flareobserver.transport;

/** A setting (such as the base URL) cannot work; raised while building, before any request. */
public class InvalidConfigurationException extends CloudflareException {

  public InvalidConfigurationException(String message) {
    super(message);
  }
}
