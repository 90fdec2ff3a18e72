package dev.flareobserver.api.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every field name the client may put in a {@code workersInvocationsAdaptive} query, in one place, with the
 * evidence the reference ({@code graphql-analytics.md}) gives for it. Nothing else reaches the wire: the
 * builders accept only these constants, so a test can hold the whole vocabulary against the reference.
 */
public final class WorkersInvocationsFields {

  /** How sure the reference is that Cloudflare serves a field. */
  public enum Evidence {
    /** Cloudflare documentation. */
    DOCS,
    /** Seen in third-party production queries. */
    THIRD_PARTY,
    /** Listed by the reference as unconfirmed for this dataset, used because the Worker page needs the grain. */
    UNCONFIRMED
  }

  public static final String DATASET = "workersInvocationsAdaptive";

  private WorkersInvocationsFields() {
  }

  /** Group-by fields ({@code dimensions { ... }}). */
  public enum Dimension {
    DATETIME("datetime", Evidence.DOCS),
    DATETIME_MINUTE("datetimeMinute", Evidence.UNCONFIRMED),
    DATETIME_FIFTEEN_MINUTES("datetimeFifteenMinutes", Evidence.THIRD_PARTY),
    DATETIME_HOUR("datetimeHour", Evidence.THIRD_PARTY),
    DATE("date", Evidence.THIRD_PARTY),
    SCRIPT_NAME("scriptName", Evidence.DOCS),
    STATUS("status", Evidence.DOCS),
    SCRIPT_VERSION("scriptVersion", Evidence.THIRD_PARTY);

    private final String fieldName;
    private final Evidence evidence;

    Dimension(String fieldName, Evidence evidence) {
      this.fieldName = fieldName;
      this.evidence = evidence;
    }

    public String fieldName() {
      return fieldName;
    }

    public Evidence evidence() {
      return evidence;
    }

    public boolean isTime() {
      return this == DATETIME || this == DATETIME_MINUTE || this == DATETIME_FIFTEEN_MINUTES
          || this == DATETIME_HOUR || this == DATE;
    }
  }

  /** {@code sum { ... }}. {@code wallTime} in microseconds, {@code duration} in GB-seconds. */
  public enum SumField {
    REQUESTS("requests", Evidence.DOCS),
    ERRORS("errors", Evidence.DOCS),
    SUBREQUESTS("subrequests", Evidence.DOCS),
    WALL_TIME("wallTime", Evidence.THIRD_PARTY),
    DURATION("duration", Evidence.THIRD_PARTY);

    private final String fieldName;
    private final Evidence evidence;

    SumField(String fieldName, Evidence evidence) {
      this.fieldName = fieldName;
      this.evidence = evidence;
    }

    public String fieldName() {
      return fieldName;
    }

    public Evidence evidence() {
      return evidence;
    }
  }

  /** {@code quantiles { ... }}, microseconds. */
  public enum QuantileField {
    CPU_TIME_P50("cpuTimeP50", Evidence.DOCS),
    CPU_TIME_P75("cpuTimeP75", Evidence.THIRD_PARTY),
    CPU_TIME_P99("cpuTimeP99", Evidence.DOCS),
    CPU_TIME_P999("cpuTimeP999", Evidence.THIRD_PARTY),
    WALL_TIME_P50("wallTimeP50", Evidence.THIRD_PARTY),
    WALL_TIME_P99("wallTimeP99", Evidence.THIRD_PARTY);

    private final String fieldName;
    private final Evidence evidence;

    QuantileField(String fieldName, Evidence evidence) {
      this.fieldName = fieldName;
      this.evidence = evidence;
    }

    public String fieldName() {
      return fieldName;
    }

    public Evidence evidence() {
      return evidence;
    }
  }

  /** {@code max { ... }}, microseconds. */
  public enum MaxField {
    CPU_TIME("cpuTime", Evidence.THIRD_PARTY),
    WALL_TIME("wallTime", Evidence.THIRD_PARTY);

    private final String fieldName;
    private final Evidence evidence;

    MaxField(String fieldName, Evidence evidence) {
      this.fieldName = fieldName;
      this.evidence = evidence;
    }

    public String fieldName() {
      return fieldName;
    }

    public Evidence evidence() {
      return evidence;
    }
  }

  /** {@code filter: { ... }} keys the builder writes. */
  public enum FilterField {
    DATETIME_GEQ("datetime_geq", Evidence.DOCS),
    DATETIME_LEQ("datetime_leq", Evidence.DOCS),
    SCRIPT_NAME("scriptName", Evidence.DOCS),
    STATUS("status", Evidence.THIRD_PARTY);

    private final String fieldName;
    private final Evidence evidence;

    FilterField(String fieldName, Evidence evidence) {
      this.fieldName = fieldName;
      this.evidence = evidence;
    }

    public String fieldName() {
      return fieldName;
    }

    public Evidence evidence() {
      return evidence;
    }
  }

  /** {@code settings { workersInvocationsAdaptive { ... } }} [docs features/discovery/settings]. */
  public static final List<String> SETTINGS_FIELDS =
      List.of("enabled", "availableFields", "maxPageSize", "maxNumberOfFields", "notOlderThan", "maxDuration");

  /** The documented {@code status} values. */
  public static final List<String> STATUS_VALUES =
      List.of("success", "clientDisconnected", "scriptThrewException", "exceededResources", "internalError");

  /** Every field name above, as it appears on the wire, for the reference check. */
  public static List<String> allFieldNames() {
    List<String> names = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      names.add(d.fieldName());
    }
    for (SumField f : SumField.values()) {
      names.add(f.fieldName());
    }
    for (QuantileField f : QuantileField.values()) {
      names.add(f.fieldName());
    }
    for (MaxField f : MaxField.values()) {
      names.add(f.fieldName());
    }
    for (FilterField f : FilterField.values()) {
      names.add(f.fieldName());
    }
    names.addAll(SETTINGS_FIELDS);
    return List.copyOf(names);
  }
}
