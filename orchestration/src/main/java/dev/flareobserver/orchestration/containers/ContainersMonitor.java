package dev.flareobserver.orchestration.containers;

import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.MonitorProblems;
import dev.flareobserver.orchestration.monitor.PollingLoop;
import dev.flareobserver.orchestration.monitor.PollingMonitor;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the Containers page's data while the page is visible (the monitors' polling loop: overlapping refreshes
 * are skipped, failures back off, the last good data is kept and marked stale with its age) and keeps a bounded
 * history of each pool's counts for the gauges.
 */
public final class ContainersMonitor extends PollingMonitor<ContainersSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(ContainersMonitor.class);
    static final String PANEL = "Containers";
    static final String QUERY = "Containers applications, instances and ContainersMetrics";
    /** Samples kept per pool: two hours at the default 15 s refresh. */
    public static final int HISTORY = 480;

    private final AccountConnection connection;
    private final ContainersService service;
    private final MonitorOptions options;
    private final Map<String, ArrayDeque<PoolSample>> history = new HashMap<>();
    private String historyAccount;

    public ContainersMonitor(AccountConnection connection, ContainersService service, MonitorOptions options) {
        super("flare-containers-monitor", connection, options, TimeWindow.M15, ContainersSnapshot.empty());
        this.connection = connection;
        this.service = Objects.requireNonNull(service, "service");
        this.options = options;
    }

    public ContainersService service() {
        return service;
    }

    @Override
    protected PollingLoop.Outcome refresh(boolean forced) {
        boolean connected = connection.client().isPresent() && service.currentAccountId().isPresent();
        PollingLoop.Outcome refused = cannotQuery(connected, PANEL, QUERY);
        if (refused != null) {
            return refused;
        }
        Instant now = options.clock().instant();
        ContainersSnapshot read;
        try {
            read = service.read(now, true, forced);
        } catch (RuntimeException e) {
            LOG.debug("Containers refresh failed: {}", e.toString());
            fail(MonitorProblems.from(PANEL, QUERY, e), e.getMessage());
            return PollingLoop.Outcome.FAILURE;
        }
        publish(withHistory(service.currentAccountId().orElse(null), read));
        return PollingLoop.Outcome.SUCCESS;
    }

    /** Adds this refresh's pool counts to each pool's history (a new account starts a new history). */
    private synchronized ContainersSnapshot withHistory(String account, ContainersSnapshot read) {
        if (!Objects.equals(account, historyAccount)) {
            history.clear();
            historyAccount = account;
        }
        List<ApplicationRow> rows = new ArrayList<>(read.applications().size());
        for (ApplicationRow app : read.applications()) {
            ContainerPoolState pool = app.pool();
            if (pool == null) {
                history.remove(app.id());
                rows.add(app);
                continue;
            }
            ArrayDeque<PoolSample> samples = history.computeIfAbsent(app.id(), k -> new ArrayDeque<>());
            samples.addLast(new PoolSample(read.takenAt(), pool.targetInstances(), pool.ready(), pool.allocated(),
                    pool.starting()));
            while (samples.size() > HISTORY) {
                samples.removeFirst();
            }
            rows.add(app.withPoolHistory(List.copyOf(samples)));
        }
        history.keySet().retainAll(rows.stream().map(ApplicationRow::id).toList());
        return new ContainersSnapshot(true, read.takenAt(), rows, read.metricsProblem(), read.staleness(), null);
    }
}
