package dev.flareobserver.transport;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One item of the envelope's {@code errors} or {@code messages}. */
public record ApiMessage(
    @JsonProperty("code") int code,
    @JsonProperty("message") String message,
    @JsonProperty("documentation_url") String documentationUrl) {

  @Override
  public String toString() {
    return "code " + code + ": " + message;
  }
}
