package dev.flareobserver.api.accounts;

import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;

/**
 * Query of {@code GET /accounts}; null fields are left to the server's defaults (page 1, 20 per page).
 * {@code perPage} must be 5..50 as the API documents.
 */
public record AccountListParams(Integer page, Integer perPage, String name, SortDirection direction) {
  public static final int DEFAULT_PER_PAGE = 20;

  public AccountListParams {
    Requests.requireRange("page", page, 1, Integer.MAX_VALUE);
    Requests.requireRange("perPage", perPage, 5, 50);
  }

  public static AccountListParams defaults() {
    return new AccountListParams(null, null, null, null);
  }

  public AccountListParams withPage(Integer value) {
    return new AccountListParams(value, perPage, name, direction);
  }

  public AccountListParams withPerPage(Integer value) {
    return new AccountListParams(page, value, name, direction);
  }

  public AccountListParams withName(String value) {
    return new AccountListParams(page, perPage, value, direction);
  }

  public AccountListParams withDirection(SortDirection value) {
    return new AccountListParams(page, perPage, name, value);
  }
}
