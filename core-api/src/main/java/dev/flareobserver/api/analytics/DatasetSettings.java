package dev.flareobserver.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * A dataset's limits from the {@code settings} node; {@code notOlderThan} and {@code maxDuration} are seconds.
 * Any field may be null when the API does not say.
 */
public record DatasetSettings(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("availableFields") List<String> availableFields,
    @JsonProperty("maxPageSize") Integer maxPageSize,
    @JsonProperty("maxNumberOfFields") Integer maxNumberOfFields,
    @JsonProperty("notOlderThan") Long notOlderThan,
    @JsonProperty("maxDuration") Long maxDuration) {

  public DatasetSettings {
    availableFields = availableFields == null ? List.of() : List.copyOf(availableFields);
  }

  /** What the monitor assumes when the settings node is unavailable: 7 days per query, 31 days back, 10000 rows. */
  public static DatasetSettings assumed() {
    return new DatasetSettings(true, List.of(), 10_000, null, 2_678_400L, 604_800L);
  }

  public Duration maxDurationOr(Duration fallback) {
    return maxDuration == null || maxDuration <= 0 ? fallback : Duration.ofSeconds(maxDuration);
  }

  public Duration notOlderThanOr(Duration fallback) {
    return notOlderThan == null || notOlderThan <= 0 ? fallback : Duration.ofSeconds(notOlderThan);
  }

  public int maxPageSizeOr(int fallback) {
    return maxPageSize == null || maxPageSize <= 0 ? fallback : maxPageSize;
  }
}
