package dev.flareobserver.api.analytics;

import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.SumField;
import java.util.Objects;

/** One {@code orderBy} item: {@code datetimeMinute_ASC}, or {@code sum_requests_DESC} for an aggregate. */
public record OrderBy(String wireName) {

  public OrderBy {
    Objects.requireNonNull(wireName, "wireName");
  }

  public static OrderBy asc(Dimension dimension) {
    return new OrderBy(dimension.fieldName() + "_ASC");
  }

  public static OrderBy desc(Dimension dimension) {
    return new OrderBy(dimension.fieldName() + "_DESC");
  }

  public static OrderBy asc(SumField field) {
    return new OrderBy("sum_" + field.fieldName() + "_ASC");
  }

  public static OrderBy desc(SumField field) {
    return new OrderBy("sum_" + field.fieldName() + "_DESC");
  }
}
