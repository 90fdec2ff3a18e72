package dev.flareobserver.api.d1;

import dev.flareobserver.api.Requests;

/**
 * Query of {@code GET .../d1/database}; null fields are left to the server's defaults (page 1, 1000 per page).
 * {@code perPage} must be 10..10000 as the API documents; {@code name} is the name to search for.
 */
public record D1DatabaseListParams(Integer page, Integer perPage, String name) {
  public static final int DEFAULT_PER_PAGE = 1000;

  public D1DatabaseListParams {
    Requests.requireRange("page", page, 1, Integer.MAX_VALUE);
    Requests.requireRange("perPage", perPage, 10, 10_000);
  }

  public static D1DatabaseListParams defaults() {
    return new D1DatabaseListParams(null, null, null);
  }

  public D1DatabaseListParams withPage(Integer value) {
    return new D1DatabaseListParams(value, perPage, name);
  }

  public D1DatabaseListParams withPerPage(Integer value) {
    return new D1DatabaseListParams(page, value, name);
  }

  public D1DatabaseListParams withName(String value) {
    return new D1DatabaseListParams(page, perPage, value);
  }
}
