package dev.flareobserver.orchestration.monitor;

import java.time.Instant;
import java.util.List;

/**
 * A deployment on the Worker charts, with error ratio and CPU p99 over equal spans before and after it
 * (null when the series does not cover enough of either side).
 */
public record DeploymentMarker(String deploymentId, Instant at, String author, String message,
                               List<VersionShare> versions, Double errorRatioBefore, Double errorRatioAfter,
                               Double cpuP99BeforeMs, Double cpuP99AfterMs) {

    public DeploymentMarker {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
