package dev.flareobserver.api.containers;

/**
 * Filters of {@code GET .../instances-v2}: {@code name_prefix}, {@code state} ({@code active} | {@code not-active}),
 * {@code per_page} (server default 100). Null means "not filtered".
 */
public record InstanceListParams(String namePrefix, String state, Integer perPage) {

  public static InstanceListParams all() {
    return new InstanceListParams(null, null, null);
  }

  public static InstanceListParams active() {
    return new InstanceListParams(null, "active", null);
  }

  public InstanceListParams {
    if (state != null && !state.equals("active") && !state.equals("not-active")) {
      throw new IllegalArgumentException("state must be 'active' or 'not-active', was '" + state + "'");
    }
  }
}
