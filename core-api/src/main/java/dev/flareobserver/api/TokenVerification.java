package dev.flareobserver.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Result of {@code GET /user/tokens/verify} and {@code GET /accounts/{account_id}/tokens/verify}. */
public record TokenVerification(
    @JsonProperty("id") String id,
    @JsonProperty("status") TokenStatus status,
    @JsonProperty("expires_on") Instant expiresOn,
    @JsonProperty("not_before") Instant notBefore) {

  public TokenVerification {
    status = status == null ? TokenStatus.UNKNOWN : status;
  }

  public boolean isActive() {
    return status == TokenStatus.ACTIVE;
  }
}
