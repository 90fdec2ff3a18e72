package dev.flareobserver.orchestration.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * One bucket of a Worker's charts. {@code requestsByStatus} uses Cloudflare's status names ("success",
 * "scriptThrewException", ...). Times in milliseconds; null when the bucket had no requests to measure.
 */
public record SeriesPoint(Instant time, Map<String, Long> requestsByStatus, long errors, Double cpuP50Ms,
                          Double cpuP99Ms, Double wallP50Ms, Double wallP99Ms, long subrequests) {

    public SeriesPoint {
        requestsByStatus = requestsByStatus == null ? Map.of() : Map.copyOf(requestsByStatus);
    }

    public long requests() {
        long total = 0;
        for (long n : requestsByStatus.values()) {
            total += n;
        }
        return total;
    }
}
