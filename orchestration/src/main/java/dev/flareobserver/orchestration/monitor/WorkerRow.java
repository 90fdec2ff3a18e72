package dev.flareobserver.orchestration.monitor;

import java.time.Instant;

/**
 * One Worker in the Overview table, over the monitor's current window. Nullable figures are null when
 * unknown (no requests to measure), never zero. {@code requestsTrend} is the request rate against the
 * previous window (1.25 = 25 % more), null when the previous window had no requests.
 */
public record WorkerRow(String scriptName, double requestsPerSecond, long requests, long errors, double errorRatio,
                        Double cpuP50Ms, Double cpuP99Ms, Double wallP99Ms, long subrequests, Instant lastDeploy,
                        Health health, Double requestsTrend, boolean spike) {
}
