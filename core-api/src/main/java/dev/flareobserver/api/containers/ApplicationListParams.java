package dev.flareobserver.api.containers;

/** Filters of {@code GET /applications}; null means "not filtered". {@code label} is {@code name=value}. */
public record ApplicationListParams(String name, String image, String label, Integer perPage) {

  public static ApplicationListParams all() {
    return new ApplicationListParams(null, null, null, null);
  }

  public static ApplicationListParams named(String name) {
    return new ApplicationListParams(name, null, null, null);
  }
}
