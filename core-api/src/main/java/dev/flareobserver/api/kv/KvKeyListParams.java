package dev.flareobserver.api.kv;

import dev.flareobserver.api.Requests;

/**
 * Query of {@code GET .../keys}: keys starting with {@code prefix} (null: all), at most {@code limit} (10..1000,
 * null: the server's 1000), after {@code cursor} (null: from the first key).
 */
public record KvKeyListParams(String prefix, Integer limit, String cursor) {
  public static final int MIN_LIMIT = 10;
  public static final int MAX_LIMIT = 1000;

  public KvKeyListParams {
    Requests.requireRange("limit", limit, MIN_LIMIT, MAX_LIMIT);
    prefix = prefix == null || prefix.isEmpty() ? null : prefix;
    cursor = cursor == null || cursor.isEmpty() ? null : cursor;
  }

  public static KvKeyListParams all() {
    return new KvKeyListParams(null, null, null);
  }

  public static KvKeyListParams withPrefix(String prefix) {
    return new KvKeyListParams(prefix, null, null);
  }

  public KvKeyListParams withLimit(Integer value) {
    return new KvKeyListParams(prefix, value, cursor);
  }

  public KvKeyListParams withCursor(String value) {
    return new KvKeyListParams(prefix, limit, value);
  }
}
