package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.Health;

/** The health cell: the state, whether traffic spiked, the badge text and its style (a pseudo-class of the badge). */
public record HealthBadge(Health health, boolean spike, String text, String styleClass) implements Comparable<HealthBadge> {

    public static HealthBadge of(Health health, boolean spike) {
        return new HealthBadge(health, spike, WorkerFormats.health(health) + (spike ? " · spike" : ""),
                WorkerFormats.healthStyle(health));
    }

    @Override
    public int compareTo(HealthBadge o) {
        int c = Integer.compare(WorkerFormats.severity(health), WorkerFormats.severity(o.health));
        return c != 0 ? c : Boolean.compare(spike, o.spike);
    }

    @Override
    public String toString() {
        return text;
    }
}
