package dev.flareobserver.emulator.traffic;

import java.time.Instant;
import java.util.Map;

/**
 * What the analytics count for one Worker over [from, to): requests per status and per version,
 * errors and subrequests. Exact: equal to the sum over the invocations of the same minutes.
 */
public record TrafficBucket(String scriptName, Instant from, Instant to, long requests, long errors, long subrequests,
                            Map<InvocationStatus, Long> byStatus, Map<String, Long> byVersion) {

    public TrafficBucket {
        byStatus = Map.copyOf(byStatus);
        byVersion = Map.copyOf(byVersion);
    }
}
