package dev.flareobserver.api.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One aggregated group of {@code workersInvocationsAdaptive}: the requested dimensions and the aggregates.
 * Fields that were not requested are null. Times ({@code cpuTime*}, {@code wallTime*}) are microseconds.
 */
public record WorkersInvocationsRow(
    @JsonProperty("dimensions") Dimensions dimensions,
    @JsonProperty("sum") Sum sum,
    @JsonProperty("quantiles") Quantiles quantiles,
    @JsonProperty("max") Max max) {

  public record Dimensions(
      @JsonProperty("datetime") Instant datetime,
      @JsonProperty("datetimeMinute") Instant datetimeMinute,
      @JsonProperty("datetimeFifteenMinutes") Instant datetimeFifteenMinutes,
      @JsonProperty("datetimeHour") Instant datetimeHour,
      @JsonProperty("date") LocalDate date,
      @JsonProperty("scriptName") String scriptName,
      @JsonProperty("status") String status,
      @JsonProperty("scriptVersion") String scriptVersion) {

    /** The finest time dimension present, or null. */
    public Instant time() {
      if (datetime != null) {
        return datetime;
      }
      if (datetimeMinute != null) {
        return datetimeMinute;
      }
      if (datetimeFifteenMinutes != null) {
        return datetimeFifteenMinutes;
      }
      if (datetimeHour != null) {
        return datetimeHour;
      }
      return date == null ? null : date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }
  }

  public record Sum(
      @JsonProperty("requests") Long requests,
      @JsonProperty("errors") Long errors,
      @JsonProperty("subrequests") Long subrequests,
      @JsonProperty("wallTime") Double wallTime,
      @JsonProperty("duration") Double duration) {
  }

  public record Quantiles(
      @JsonProperty("cpuTimeP50") Double cpuTimeP50,
      @JsonProperty("cpuTimeP75") Double cpuTimeP75,
      @JsonProperty("cpuTimeP99") Double cpuTimeP99,
      @JsonProperty("cpuTimeP999") Double cpuTimeP999,
      @JsonProperty("wallTimeP50") Double wallTimeP50,
      @JsonProperty("wallTimeP99") Double wallTimeP99) {
  }

  public record Max(
      @JsonProperty("cpuTime") Double cpuTime,
      @JsonProperty("wallTime") Double wallTime) {
  }
}
