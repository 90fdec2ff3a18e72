package dev.flareobserver.api.memberships;

import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;

/** Query of {@code GET /memberships}; null fields are left to the server's defaults. perPage is 5..50. */
public record MembershipListParams(Integer page, Integer perPage, String accountName, MembershipStatus status,
                                   SortDirection direction) {
  public static final int DEFAULT_PER_PAGE = 20;

  public MembershipListParams {
    Requests.requireRange("page", page, 1, Integer.MAX_VALUE);
    Requests.requireRange("perPage", perPage, 5, 50);
  }

  public static MembershipListParams defaults() {
    return new MembershipListParams(null, null, null, null, null);
  }

  public MembershipListParams withPage(Integer value) {
    return new MembershipListParams(value, perPage, accountName, status, direction);
  }

  public MembershipListParams withPerPage(Integer value) {
    return new MembershipListParams(page, value, accountName, status, direction);
  }

  public MembershipListParams withAccountName(String value) {
    return new MembershipListParams(page, perPage, value, status, direction);
  }

  public MembershipListParams withStatus(MembershipStatus value) {
    return new MembershipListParams(page, perPage, accountName, value, direction);
  }

  public MembershipListParams withDirection(SortDirection value) {
    return new MembershipListParams(page, perPage, accountName, status, value);
  }
}
