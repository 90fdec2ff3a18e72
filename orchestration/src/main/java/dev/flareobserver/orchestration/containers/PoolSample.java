package dev.flareobserver.orchestration.containers;

import java.time.Instant;

/** One point of a pool's history, for the gauges' chart. */
public record PoolSample(Instant time, int target, int ready, int allocated, int starting) {
}
