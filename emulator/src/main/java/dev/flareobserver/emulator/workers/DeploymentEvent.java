package dev.flareobserver.emulator.workers;

import java.time.Instant;
import java.util.List;

/** One deployment of a script: from {@code at} on, traffic splits over {@code versions}. */
public record DeploymentEvent(Instant at, String deploymentId, List<VersionShare> versions) {
    public DeploymentEvent {
        versions = List.copyOf(versions);
    }
}
