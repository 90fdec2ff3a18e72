package dev.flareobserver.orchestration.containers;

import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.InstanceState;
import java.time.Duration;
import java.time.Instant;

/**
 * One instance as the page shows it: its v2 list item flattened, with its metrics and, for pool members, its
 * pool status ({@code ready}, {@code starting}, {@code allocated}; null when the application has no pool).
 */
public record InstanceRow(String id, String name, String applicationId, String applicationName, InstanceState state,
                          String location, String region, Instant startedAt, Instant stateSince, Integer exitCode,
                          String image, Double vcpu, Integer memoryMib, Integer diskMb, InstanceMetrics metrics,
                          String poolStatus) {

    static InstanceRow of(ContainerInstanceV2 i, String applicationName, InstanceMetrics metrics, String poolStatus) {
        ContainerInstanceV2.Location loc = i.location();
        ContainerInstanceV2.Resources res = i.configuration();
        return new InstanceRow(i.id(), i.name(), i.applicationId(), applicationName, i.state(),
                loc == null ? null : loc.name(), loc == null ? null : loc.region(), i.startedAt(),
                i.status() == null ? null : i.status().updatedAt(), i.status() == null ? null : i.status().exitCode(),
                i.image(), res == null ? null : res.vcpu(), res == null ? null : res.memory(),
                res == null ? null : res.disk(), metrics == null ? InstanceMetrics.UNKNOWN : metrics, poolStatus);
    }

    /** What the user types to confirm a delete: the name when the instance has one, else its id. */
    public String confirmationName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** How long it has run; null when it has not started. */
    public Duration uptime(Instant now) {
        return startedAt == null || !state.isActive() ? null : Duration.between(startedAt, now);
    }

    public InstanceRow withState(InstanceState value) {
        return new InstanceRow(id, name, applicationId, applicationName, value, location, region, startedAt,
                stateSince, exitCode, image, vcpu, memoryMib, diskMb, metrics, poolStatus);
    }
}
