package dev.flareobserver.api.memberships;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Whether the user accepted the invitation to the account. */
public enum MembershipStatus {
  @JsonProperty("accepted") ACCEPTED,
  @JsonProperty("pending") PENDING,
  @JsonProperty("rejected") REJECTED,
  @JsonEnumDefaultValue UNKNOWN;

  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
