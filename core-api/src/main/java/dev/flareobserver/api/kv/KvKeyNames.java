package dev.flareobserver.api.kv;

/** The check every request with a {@code {key_name}} path segment makes before any I/O. */
final class KvKeyNames {

  private KvKeyNames() {
  }

  /**
   * A key must be non-empty, and "." and ".." cannot travel as a path segment: a URL library resolves them as
   * "this" and "parent" directories, so the request would reach another path (Cloudflare refuses both names).
   */
  static String requireAddressable(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Required path parameter 'key_name' is missing or empty");
    }
    if (key.equals(".") || key.equals("..")) {
      throw new IllegalArgumentException("\"" + key + "\" is not allowed as a key name");
    }
    return key;
  }
}
