package dev.flareobserver.emulator.workers;

import java.util.Map;

/** A version's share of a deployment, with the version's annotations (the simulator reads its own keys there). */
public record VersionShare(String versionId, int versionNumber, double percentage, Map<String, String> annotations) {
    public VersionShare {
        annotations = Map.copyOf(annotations);
    }
}
