package dev.flareobserver.api.r2;

import dev.flareobserver.api.Requests;

/**
 * Query of {@code GET .../objects}: keys under {@code prefix}; with a {@code delimiter} (usually "/") the keys
 * below the next delimiter are rolled up into common prefixes. {@code perPage} must be 1..1000.
 */
public record R2ObjectListParams(String prefix, String delimiter, String cursor, String startAfter, Integer perPage) {

  public R2ObjectListParams {
    Requests.requireRange("perPage", perPage, 1, 1000);
  }

  public static R2ObjectListParams defaults() {
    return new R2ObjectListParams(null, null, null, null, null);
  }

  /** One folder level under {@code prefix}, as a file browser shows it. */
  public static R2ObjectListParams folder(String prefix) {
    return new R2ObjectListParams(prefix == null || prefix.isEmpty() ? null : prefix, "/", null, null, null);
  }

  public R2ObjectListParams withPrefix(String value) {
    return new R2ObjectListParams(value, delimiter, cursor, startAfter, perPage);
  }

  public R2ObjectListParams withDelimiter(String value) {
    return new R2ObjectListParams(prefix, value, cursor, startAfter, perPage);
  }

  public R2ObjectListParams withCursor(String value) {
    return new R2ObjectListParams(prefix, delimiter, value, startAfter, perPage);
  }

  public R2ObjectListParams withStartAfter(String value) {
    return new R2ObjectListParams(prefix, delimiter, cursor, value, perPage);
  }

  public R2ObjectListParams withPerPage(Integer value) {
    return new R2ObjectListParams(prefix, delimiter, cursor, startAfter, value);
  }
}
