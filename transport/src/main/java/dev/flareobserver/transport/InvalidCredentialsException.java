package dev.flareobserver.transport;

/** Credentials are malformed (empty, whitespace inside); the message never repeats the secret. */
public class InvalidCredentialsException extends CloudflareException {

  public InvalidCredentialsException(String message) {
    super(message);
  }
}
