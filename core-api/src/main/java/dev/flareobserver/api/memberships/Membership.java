package dev.flareobserver.api.memberships;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.api.accounts.Account;
import java.util.List;
import java.util.Map;

/**
 * The user's membership of one account ({@code GET /memberships}); this is how a user token finds its
 * accounts and roles, as {@code wrangler whoami} does.
 */
public record Membership(
    @JsonProperty("id") String id,
    @JsonProperty("status") MembershipStatus status,
    @JsonProperty("account") Account account,
    @JsonProperty("api_access_enabled") Boolean apiAccessEnabled,
    @JsonProperty("permissions") Map<String, PermissionGrant> permissions,
    @JsonProperty("roles") List<String> roles) {

  public Membership {
    status = status == null ? MembershipStatus.UNKNOWN : status;
    permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
