package dev.flareobserver.bench;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.WorkerDetailSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP requests per overview refresh for 10, 100 and 1000 Workers, counted by the emulator
 * (/__emulator/stats), and what the default intervals cost of the rate budgets.
 */
final class OverviewRequestsBench {

    static String run() throws Exception {
        StringBuilder rows = new StringBuilder();
        long steadyRest = 0;
        long steadyGraphql = 0;
        for (int workers : new int[] {10, 100, 1000}) {
            try (Emulator emulator = Emulator.start(EmulatorOptions.builder().workers(workers).build());
                 AccountConnection connection = Monitors.connect(emulator);
                 AccountMonitor monitor = new AccountMonitor(connection, MonitorOptions.defaults())) {
                long before = emulator.stats().snapshot().total();
                AccountSnapshot first = Monitors.refresh(monitor, AccountSnapshot::isLoaded);
                long afterFirst = emulator.stats().snapshot().total();
                Monitors.refresh(monitor, s -> s.fetchedAt().isAfter(first.fetchedAt()));
                long afterSecond = emulator.stats().snapshot().total();
                rows.append(String.format(Locale.ROOT, "| %d | %d | %d | %d |%n", workers, first.workers().size(),
                        afterFirst - before, afterSecond - afterFirst));
            }
        }
        // Budget at default intervals with the Overview and a Worker page both polling: count one cycle of
        // each, with the once-every-5-minutes REST reads included, and scale to the 5-minute window.
        MonitorOptions defaults = MonitorOptions.defaults();
        try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
             AccountConnection connection = Monitors.connect(emulator);
             AccountMonitor overview = new AccountMonitor(connection, defaults);
             WorkerMonitor worker = new WorkerMonitor(connection, "checkout-api", defaults)) {
            Monitors.refresh(overview, AccountSnapshot::isLoaded);
            Monitors.refresh(worker, WorkerDetailSnapshot::isLoaded);
            long graphqlBefore = emulator.stats().snapshot().count("POST /graphql");
            long totalBefore = emulator.stats().snapshot().total();
            AccountSnapshot o = overview.snapshot();
            Monitors.refresh(overview, s -> s.fetchedAt().isAfter(o.fetchedAt()));
            WorkerDetailSnapshot w = worker.snapshot();
            Monitors.refresh(worker, s -> s.fetchedAt().isAfter(w.fetchedAt()));
            steadyGraphql = emulator.stats().snapshot().count("POST /graphql") - graphqlBefore;
            steadyRest = emulator.stats().snapshot().total() - totalBefore - steadyGraphql;
        }
        Duration window = Duration.ofMinutes(5);
        long cycles = window.dividedBy(defaults.interval());
        long slowReadsPerWindow = window.dividedBy(defaults.scriptsRefresh());
        // REST per window: the steady cycles' REST requests plus the periodic lists (scripts for the
        // overview; deployments and versions for the Worker page), each once per scriptsRefresh.
        long restPerWindow = steadyRest * cycles + 3 * slowReadsPerWindow;
        long graphqlPerWindow = steadyGraphql * cycles;
        return String.format(Locale.ROOT, """
                ## Requests per overview refresh (emulator with N Workers)

                Target: <= 2 HTTP requests per overview refresh whatever the number of Workers. Counted by the
                emulator's /__emulator/stats. The first refresh also reads the dataset limits (settings, once
                per connection) and the scripts list (every %s); later refreshes are one GraphQL query.

                | Workers | rows in the snapshot | requests, first refresh | requests, next refresh |
                | ---: | ---: | ---: | ---: |
                %s
                ## Rate budget at default intervals

                Target: under 25 %% of the REST budget with every page open. Measured: one cycle of the Overview
                and a Worker page, refreshed on demand (which also re-reads their lists), costs %d GraphQL and
                %d REST requests; at the default %d s interval that is %d cycles per 5 minutes, plus the scripts,
                deployments and versions lists every %d min. Counting the on-demand cycle's list reads at every
                cycle makes this an upper bound.

                | budget | per 5 minutes | share |
                | --- | ---: | ---: |
                | REST (1200 / 5 min) | %d | **%.1f %%** |
                | GraphQL (300 / 5 min) | %d | %.1f %% |
                """, defaults.scriptsRefresh().toMinutes() + " min", rows, steadyGraphql, steadyRest,
                defaults.interval().toSeconds(), cycles, defaults.scriptsRefresh().toMinutes(),
                restPerWindow, restPerWindow * 100.0 / 1200, graphqlPerWindow, graphqlPerWindow * 100.0 / 300);
    }

    private OverviewRequestsBench() {}
}
