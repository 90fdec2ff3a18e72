package dev.flareobserver.api.kv;

import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;

/**
 * Query of {@code GET .../storage/kv/namespaces}; null fields are left to the server (page 1, 20 per page).
 * {@code perPage} must be 5..100 as the API documents.
 */
public record KvNamespaceListParams(Integer page, Integer perPage, KvNamespaceOrder order, SortDirection direction) {
  public static final int MAX_PER_PAGE = 100;

  public KvNamespaceListParams {
    Requests.requireRange("page", page, 1, Integer.MAX_VALUE);
    Requests.requireRange("perPage", perPage, 5, MAX_PER_PAGE);
  }

  public static KvNamespaceListParams defaults() {
    return new KvNamespaceListParams(null, null, null, null);
  }

  /** What wrangler asks for: 100 per page, by title, ascending. */
  public static KvNamespaceListParams byTitle() {
    return new KvNamespaceListParams(null, MAX_PER_PAGE, KvNamespaceOrder.TITLE, SortDirection.ASC);
  }

  public KvNamespaceListParams withPage(Integer value) {
    return new KvNamespaceListParams(value, perPage, order, direction);
  }

  public KvNamespaceListParams withPerPage(Integer value) {
    return new KvNamespaceListParams(page, value, order, direction);
  }

  public KvNamespaceListParams withOrder(KvNamespaceOrder value, SortDirection dir) {
    return new KvNamespaceListParams(page, perPage, value, dir);
  }
}
