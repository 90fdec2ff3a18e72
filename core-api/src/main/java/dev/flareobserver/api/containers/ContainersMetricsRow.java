package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.api.containers.ContainersMetricsFields.Aggregate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** One group of {@code containersMetricsAdaptiveGroups}; fields that were not asked for are null. */
public record ContainersMetricsRow(
    @JsonProperty("dimensions") Dimensions dimensions,
    @JsonProperty("count") Long count,
    @JsonProperty("sum") Map<String, Double> sum,
    @JsonProperty("avg") Map<String, Double> avg,
    @JsonProperty("max") Map<String, Double> max,
    @JsonProperty("quantiles") Map<String, Double> quantiles) {

  /** The value of one aggregate, or null when the answer lacks it. */
  public Double value(Aggregate aggregate) {
    Map<String, Double> block = switch (aggregate.block()) {
      case SUM -> sum;
      case AVG -> avg;
      case MAX -> max;
      case QUANTILES -> quantiles;
    };
    return block == null ? null : block.get(aggregate.fieldName());
  }

  public record Dimensions(
      @JsonProperty("instanceId") String instanceId,
      @JsonProperty("placementId") String placementId,
      @JsonProperty("applicationId") String applicationId,
      @JsonProperty("location") String location,
      @JsonProperty("region") String region,
      @JsonProperty("date") LocalDate date,
      @JsonProperty("datetime") Instant datetime,
      @JsonProperty("datetimeMinute") Instant datetimeMinute,
      @JsonProperty("datetimeFiveMinutes") Instant datetimeFiveMinutes,
      @JsonProperty("datetimeFifteenMinutes") Instant datetimeFifteenMinutes,
      @JsonProperty("datetimeHour") Instant datetimeHour,
      @JsonProperty("datetimeSixHours") Instant datetimeSixHours) {
  }
}
