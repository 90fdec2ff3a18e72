package dev.flareobserver.orchestration.monitor;

import java.time.Instant;

/** A version of a Worker as the Worker page lists it. */
public record VersionInfo(String id, int number, String author, Instant createdOn, String message, String source) {
}
