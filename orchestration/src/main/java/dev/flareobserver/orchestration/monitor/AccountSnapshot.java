package dev.flareobserver.orchestration.monitor;

import java.time.Instant;
import java.util.List;

/**
 * What the Overview shows, immutable. {@link #empty()} means "never loaded": {@code fetchedAt} and
 * {@code totals} are null so the UI shows placeholders, never zeros. After a failure the last good data is
 * kept with {@code staleness.stale()} set and the {@code problem} named.
 */
public record AccountSnapshot(Instant fetchedAt, TimeWindow window, Totals totals, List<WorkerRow> workers,
                              List<LoadPoint> load, Staleness staleness, MonitorProblem problem)
        implements MonitorSnapshot<AccountSnapshot> {

    public AccountSnapshot {
        workers = workers == null ? List.of() : List.copyOf(workers);
        load = load == null ? List.of() : List.copyOf(load);
        staleness = staleness == null ? new Staleness(false, null, null) : staleness;
    }

    public static AccountSnapshot empty() {
        return empty(TimeWindow.H1);
    }

    public static AccountSnapshot empty(TimeWindow window) {
        return new AccountSnapshot(null, window, null, List.of(), List.of(), new Staleness(false, null, null), null);
    }

    /** Whether data was ever loaded. */
    public boolean isLoaded() {
        return fetchedAt != null;
    }

    @Override
    public AccountSnapshot withFailure(Staleness stale, MonitorProblem why) {
        return new AccountSnapshot(fetchedAt, window, totals, workers, load, stale, why);
    }

    public AccountSnapshot withProblem(MonitorProblem why) {
        return new AccountSnapshot(fetchedAt, window, totals, workers, load, staleness, why);
    }
}
