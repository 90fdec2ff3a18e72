package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An object's {@code http_metadata}: the HTTP headers it is served with (camelCase on the wire, as R2 names them). */
public record R2HttpMetadata(
    @JsonProperty("contentType") String contentType,
    @JsonProperty("contentLanguage") String contentLanguage,
    @JsonProperty("contentDisposition") String contentDisposition,
    @JsonProperty("contentEncoding") String contentEncoding,
    @JsonProperty("cacheControl") String cacheControl,
    @JsonProperty("cacheExpiry") Instant cacheExpiry) {

  public static R2HttpMetadata none() {
    return new R2HttpMetadata(null, null, null, null, null, null);
  }
}
