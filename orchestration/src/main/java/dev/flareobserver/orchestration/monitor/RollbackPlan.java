package dev.flareobserver.orchestration.monitor;

import java.util.List;

/** What a rollback will do, shown before the user confirms; {@code summary} is one human sentence. */
public record RollbackPlan(String scriptName, List<VersionShare> current, VersionInfo target, String summary) {

    public RollbackPlan {
        current = current == null ? List.of() : List.copyOf(current);
    }
}
