package dev.flareobserver.orchestration.monitor;

/** One version's share of a deployment; {@code versionNumber} is 0 when the version is not in the versions list. */
public record VersionShare(String versionId, int versionNumber, double percentage) {
}
