package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.MonitorProblem;
import dev.flareobserver.orchestration.monitor.Staleness;
import java.time.Clock;

/**
 * A monitor problem as a person reads it: which panel, what went wrong, which query, and that the
 * panel still shows its last good data (with its age).
 */
public record PanelProblem(String title, String message, String details) {

    public static PanelProblem of(MonitorProblem p, Staleness staleness, Clock clock) {
        if (p == null) {
            return null;
        }
        String panel = p.panel() == null || p.panel().isBlank() ? "Workers analytics" : p.panel();
        String title = panel + " could not be refreshed";
        StringBuilder message = new StringBuilder(p.message() == null ? "" : p.message().strip());
        if (message.length() > 0 && ".!?".indexOf(message.charAt(message.length() - 1)) < 0) {
            message.append('.');
        }
        if (p.query() != null && !p.query().isBlank()) {
            message.append(" Query: ").append(p.query()).append('.');
        }
        if (staleness != null && staleness.lastSuccess() != null) {
            message.append(" Showing the last good data, ")
                    .append(WorkerFormats.span(staleness.age(clock))).append(" old.");
        } else {
            message.append(" No data has arrived yet.");
        }
        return new PanelProblem(title, message.toString().strip(), p.details() == null ? "" : p.details());
    }
}
