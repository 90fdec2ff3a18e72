package dev.flareobserver.orchestration.containers;

/**
 * CPU and memory of one instance over the last metrics window ({@code containersMetricsAdaptiveGroups}).
 * A null value is unknown (not reported, or the query failed), never zero.
 *
 * @param cpuUtilization average CPU as a share of the instance's vCPU, 0..1 (unit unconfirmed in the reference)
 * @param memoryBytes    the highest memory seen, in bytes
 */
public record InstanceMetrics(Double cpuUtilization, Double memoryBytes) {

    public static final InstanceMetrics UNKNOWN = new InstanceMetrics(null, null);

    public boolean known() {
        return cpuUtilization != null || memoryBytes != null;
    }
}
