package dev.flareobserver.orchestration.monitor;

/** The Overview tiles: account-wide figures over the current window. {@code cpuP99Ms} is null when unknown. */
public record Totals(double requestsPerMinute, double errorRatio, Double cpuP99Ms, int workersWithErrors) {
}
