package dev.flareobserver.emulator.containers;

import java.time.Instant;
import java.util.Map;

/**
 * One measurement of a running instance's process (and its children), taken from {@code /proc}: what
 * {@code containersMetricsAdaptiveGroups} aggregates. Rates and amounts cover the {@code intervalSeconds} since
 * the instance's previous sample.
 *
 * @param cpuSeconds     CPU time (user + system) the processes used during the interval
 * @param cpuUtilization that CPU time as a share of the instance's vCPU over the interval, at most 1 (Cloudflare's
 *                       runtime gives a container no more than its allocation; the emulator does not throttle, so
 *                       a busier process is shown at 1)
 * @param memoryBytes    resident set size
 * @param diskBytes      bytes in the instance's directory (image and output)
 * @param rxBytes        request bytes the instance received through the API's fetch during the interval
 * @param txBytes        response bytes it sent back through fetch during the interval
 * @param uptimeSeconds  since the process started
 */
public record InstanceSample(String accountId, String applicationId, String instanceId, String location,
                             String region, Map<String, String> labels, Instant time, double intervalSeconds,
                             double cpuSeconds, double cpuUtilization, long memoryBytes, long diskBytes, long rxBytes,
                             long txBytes, double uptimeSeconds, double vcpu, long memoryLimitBytes,
                             long diskLimitBytes) {
}
