package dev.flareobserver.orchestration.monitor;

import java.time.Instant;
import java.util.List;

/** What the Worker page shows, immutable; {@code fetchedAt} null means never loaded. */
public record WorkerDetailSnapshot(String scriptName, TimeWindow window, Instant fetchedAt, List<SeriesPoint> series,
                                   List<DeploymentMarker> deployments, List<VersionInfo> versions,
                                   String activeVersionId, Staleness staleness, MonitorProblem problem)
        implements MonitorSnapshot<WorkerDetailSnapshot> {

    public WorkerDetailSnapshot {
        series = series == null ? List.of() : List.copyOf(series);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
        versions = versions == null ? List.of() : List.copyOf(versions);
        staleness = staleness == null ? new Staleness(false, null, null) : staleness;
    }

    public static WorkerDetailSnapshot empty(String scriptName, TimeWindow window) {
        return new WorkerDetailSnapshot(scriptName, window, null, List.of(), List.of(), List.of(), null,
                new Staleness(false, null, null), null);
    }

    public boolean isLoaded() {
        return fetchedAt != null;
    }

    @Override
    public WorkerDetailSnapshot withFailure(Staleness stale, MonitorProblem why) {
        return new WorkerDetailSnapshot(scriptName, window, fetchedAt, series, deployments, versions, activeVersionId,
                stale, why);
    }
}
