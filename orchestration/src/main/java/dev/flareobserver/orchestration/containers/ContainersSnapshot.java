package dev.flareobserver.orchestration.containers;

import dev.flareobserver.orchestration.monitor.MonitorProblem;
import dev.flareobserver.orchestration.monitor.MonitorSnapshot;
import dev.flareobserver.orchestration.monitor.Staleness;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The account's container applications as one refresh read them; immutable.
 *
 * @param loaded         false until the first refresh succeeded (nothing to show yet)
 * @param metricsProblem why CPU and memory are unknown (the metrics query failed), or null when they were read
 * @param problem        why the last refresh failed (the data is then the last good one, stale), or null
 */
public record ContainersSnapshot(boolean loaded, Instant takenAt, List<ApplicationRow> applications,
                                 String metricsProblem, Staleness staleness, MonitorProblem problem)
        implements MonitorSnapshot<ContainersSnapshot> {

    public ContainersSnapshot {
        applications = List.copyOf(applications);
    }

    public static ContainersSnapshot empty() {
        return new ContainersSnapshot(false, null, List.of(), null, new Staleness(false, null, null), null);
    }

    public Optional<ApplicationRow> application(String id) {
        return applications.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public int instanceCount() {
        return applications.stream().mapToInt(a -> a.instances().size()).sum();
    }

    @Override
    public ContainersSnapshot withFailure(Staleness stale, MonitorProblem why) {
        return new ContainersSnapshot(loaded, takenAt, applications, metricsProblem, stale, why);
    }
}
