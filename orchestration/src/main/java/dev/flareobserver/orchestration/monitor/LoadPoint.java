package dev.flareobserver.orchestration.monitor;

import java.time.Instant;

/** One bucket of the account's load chart (all Workers together); {@code time} is the bucket's start. */
public record LoadPoint(Instant time, long requests, long errors) {
}
