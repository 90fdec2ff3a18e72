package dev.flareobserver.api.r2;

import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;

/**
 * Query of {@code GET .../r2/buckets}; null fields are left to the server (20 per page, by name).
 * {@code perPage} must be 1..1000 as the API documents.
 */
public record R2BucketListParams(String nameContains, String startAfter, Integer perPage, String cursor,
    SortDirection direction) {

  public R2BucketListParams {
    Requests.requireRange("perPage", perPage, 1, 1000);
  }

  public static R2BucketListParams defaults() {
    return new R2BucketListParams(null, null, null, null, null);
  }

  public R2BucketListParams withNameContains(String value) {
    return new R2BucketListParams(value, startAfter, perPage, cursor, direction);
  }

  public R2BucketListParams withStartAfter(String value) {
    return new R2BucketListParams(nameContains, value, perPage, cursor, direction);
  }

  public R2BucketListParams withPerPage(Integer value) {
    return new R2BucketListParams(nameContains, startAfter, value, cursor, direction);
  }

  public R2BucketListParams withCursor(String value) {
    return new R2BucketListParams(nameContains, startAfter, perPage, value, direction);
  }

  public R2BucketListParams withDirection(SortDirection value) {
    return new R2BucketListParams(nameContains, startAfter, perPage, cursor, value);
  }
}
