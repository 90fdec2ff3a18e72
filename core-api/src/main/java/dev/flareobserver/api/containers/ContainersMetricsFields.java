package dev.flareobserver.api.containers;

/**
 * Every field name the client may put in a {@code containersMetricsAdaptiveGroups} query, as graphql-analytics.md
 * §4 lists them (Cloudflare's tutorial {@code querying-container-metrics}). The builder accepts only these.
 */
public final class ContainersMetricsFields {

  public static final String DATASET = "containersMetricsAdaptiveGroups";

  private ContainersMetricsFields() {
  }

  /** Group-by fields ({@code dimensions { ... }}). */
  public enum Dimension {
    INSTANCE_ID("instanceId"),
    PLACEMENT_ID("placementId"),
    APPLICATION_ID("applicationId"),
    LOCATION("location"),
    REGION("region"),
    DATE("date"),
    DATETIME("datetime"),
    DATETIME_MINUTE("datetimeMinute"),
    DATETIME_FIVE_MINUTES("datetimeFiveMinutes"),
    DATETIME_FIFTEEN_MINUTES("datetimeFifteenMinutes"),
    DATETIME_HOUR("datetimeHour"),
    DATETIME_SIX_HOURS("datetimeSixHours");

    private final String fieldName;

    Dimension(String fieldName) {
      this.fieldName = fieldName;
    }

    public String fieldName() {
      return fieldName;
    }
  }

  /** The aggregate blocks of a row. */
  public enum Block {
    SUM("sum"), AVG("avg"), MAX("max"), QUANTILES("quantiles");

    private final String fieldName;

    Block(String fieldName) {
      this.fieldName = fieldName;
    }

    public String fieldName() {
      return fieldName;
    }
  }

  /** An aggregate: its block and name. {@code memory} is bytes, {@code cpuUtilization} a 0..1 share (unconfirmed). */
  public enum Aggregate {
    AVG_MEMORY(Block.AVG, "memory"),
    AVG_CPU_UTILIZATION(Block.AVG, "cpuUtilization"),
    AVG_RX_BANDWIDTH_BPS(Block.AVG, "rxBandwidthBps"),
    AVG_TX_BANDWIDTH_BPS(Block.AVG, "txBandwidthBps"),
    AVG_CONTAINER_UPTIME(Block.AVG, "containerUptime"),
    SUM_CPU_TIME_SEC(Block.SUM, "cpuTimeSec"),
    SUM_ALLOCATED_MEMORY(Block.SUM, "allocatedMemory"),
    SUM_ALLOCATED_DISK(Block.SUM, "allocatedDisk"),
    SUM_ALLOCATED_CPU(Block.SUM, "allocatedCpu"),
    SUM_RX_BYTES(Block.SUM, "rxBytes"),
    SUM_TX_BYTES(Block.SUM, "txBytes"),
    SUM_CONTAINER_UPTIME(Block.SUM, "containerUptime"),
    MAX_MEMORY(Block.MAX, "memory"),
    MAX_CPU_UTILIZATION(Block.MAX, "cpuUtilization"),
    MAX_DISK_USAGE(Block.MAX, "diskUsage"),
    MAX_DISK_USAGE_PERCENTAGE(Block.MAX, "diskUsagePercentage"),
    MAX_CONTAINER_UPTIME(Block.MAX, "containerUptime"),
    P50_CPU_UTILIZATION(Block.QUANTILES, "cpuUtilizationP50"),
    P95_CPU_UTILIZATION(Block.QUANTILES, "cpuUtilizationP95"),
    P99_CPU_UTILIZATION(Block.QUANTILES, "cpuUtilizationP99"),
    P50_MEMORY(Block.QUANTILES, "memoryP50"),
    P95_MEMORY(Block.QUANTILES, "memoryP95"),
    P99_MEMORY(Block.QUANTILES, "memoryP99");

    private final Block block;
    private final String fieldName;

    Aggregate(Block block, String fieldName) {
      this.block = block;
      this.fieldName = fieldName;
    }

    public Block block() {
      return block;
    }

    public String fieldName() {
      return fieldName;
    }
  }

  /** {@code filter: { ... }} keys the builder writes ({@code applicationId} as a filter is unconfirmed). */
  public enum FilterField {
    DATETIME_GEQ("datetime_geq"),
    DATETIME_LEQ("datetime_leq"),
    INSTANCE_ID("instanceId"),
    APPLICATION_ID("applicationId");

    private final String fieldName;

    FilterField(String fieldName) {
      this.fieldName = fieldName;
    }

    public String fieldName() {
      return fieldName;
    }
  }
}
