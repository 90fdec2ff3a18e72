package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.Health;
import dev.flareobserver.orchestration.monitor.LoadPoint;
import dev.flareobserver.orchestration.monitor.MonitorProblem;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.Totals;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Snapshots in the shape the account monitor produces. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");

    private Fixtures() {
    }

    public static WorkerRow row(String name, double rps, long errors, Double cpuP99) {
        long requests = Math.round(rps * 900);
        return new WorkerRow(name, rps, requests, errors, requests == 0 ? 0 : errors / (double) requests,
                cpuP99 == null ? null : cpuP99 / 4, cpuP99, cpuP99 == null ? null : cpuP99 * 3, requests / 2,
                NOW.minus(Duration.ofHours(3)), errors > 0 ? Health.WARN : Health.OK, 1.0, false);
    }

    public static AccountSnapshot snapshot(Instant at, List<WorkerRow> rows) {
        List<LoadPoint> load = new ArrayList<>();
        for (int i = 60; i > 0; i--) {
            load.add(new LoadPoint(at.minus(Duration.ofMinutes(i)), 600, 6));
        }
        return new AccountSnapshot(at, TimeWindow.H1, new Totals(600, 0.01, 12.5, 1), rows, load,
                Staleness.fresh(at), null);
    }

    public static AccountSnapshot stale(AccountSnapshot good, Instant lastSuccess) {
        return good.withFailure(new Staleness(true, lastSuccess, "HTTP 429"),
                new MonitorProblem("Overview", "AccountOverview",
                        "rate limiter budget depleted, try again after 5 minutes", "HTTP 429"));
    }
}
