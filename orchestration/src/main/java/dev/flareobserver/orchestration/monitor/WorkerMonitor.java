package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.analytics.DatasetSettings;
import dev.flareobserver.api.analytics.GraphQLResult;
import dev.flareobserver.api.analytics.OrderBy;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.QuantileField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.SumField;
import dev.flareobserver.api.analytics.WorkersInvocationsQuery;
import dev.flareobserver.api.analytics.WorkersInvocationsRow;
import dev.flareobserver.api.workers.Deployment;
import dev.flareobserver.api.workers.WorkerVersion;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the Worker page for one script: one GraphQL request per refresh (aliases {@code series}, grouped by
 * time grain and status, and {@code latency}, grouped by time grain with quantiles), plus the deployments and
 * versions lists over REST, re-read at most every {@link MonitorOptions#scriptsRefresh()} or when asked.
 */
public final class WorkerMonitor extends PollingMonitor<WorkerDetailSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMonitor.class);

    static final String QUERY = "WorkerSeries";

    private final AccountConnection connection;
    private final MonitorOptions options;
    private final String scriptName;
    private final String panel;
    private volatile List<Deployment> deployments = List.of();
    private volatile List<VersionInfo> versions = List.of();
    private volatile Instant listsReadAt;

    public WorkerMonitor(AccountConnection connection, String scriptName, MonitorOptions options) {
        super("flare-worker-monitor", connection, options, TimeWindow.H6,
                WorkerDetailSnapshot.empty(requireScriptName(scriptName), TimeWindow.H6));
        this.connection = connection;
        this.options = options;
        this.scriptName = scriptName;
        this.panel = "Worker " + scriptName;
    }

    private static String requireScriptName(String scriptName) {
        if (scriptName == null || scriptName.isBlank()) {
            throw new IllegalArgumentException("A Worker monitor needs a script name");
        }
        return scriptName;
    }

    public String scriptName() {
        return scriptName;
    }

    @Override
    protected PollingLoop.Outcome refresh(boolean forced) {
        TimeWindow w = window();
        Instant now = options.clock().instant();
        CloudflareClient client = connection.client().orElse(null);
        AccountSummary account = connection.snapshot().current();
        PollingLoop.Outcome refused = cannotQuery(client != null && account != null, panel, QUERY);
        if (refused != null) {
            return refused;
        }
        DatasetSettings limits = DatasetLimits.of(client, account.id());
        Instant since = DatasetLimits.clampSince(limits, now.minus(w.duration()), now, now);
        GraphQLResult<Map<String, List<WorkersInvocationsRow>>> result;
        try {
            result = client.analytics().workersInvocations(QUERY, selections(account.id(), scriptName, limits, since,
                    now, w));
        } catch (RuntimeException e) {
            LOG.debug("Worker {} refresh failed: {}", scriptName, e.toString());
            fail(MonitorProblems.from(panel, QUERY, e), e.getMessage());
            return PollingLoop.Outcome.FAILURE;
        }
        MonitorProblem problem = null;
        if (forced || listsReadAt == null || !now.isBefore(listsReadAt.plus(options.scriptsRefresh()))) {
            String step = "Deployments list";
            try {
                deployments = client.workers().scripts().deployments(account.id(), scriptName).list();
                step = "Versions list";
                List<WorkerVersion> listed = client.workers().scripts().versions(account.id(), scriptName).list().items();
                versions = WorkerDetailBuilder.versions(listed);
                listsReadAt = now;
            } catch (RuntimeException e) {
                problem = MonitorProblems.from(panel, step, e);
            }
        }
        if (problem == null && result.isPartial()) {
            problem = new MonitorProblem(panel, QUERY, panel + ": some figures are missing: "
                    + result.errors().get(0).message(), result.errors().toString());
        }
        List<SeriesPoint> series = WorkerDetailBuilder.series(result.data().get("series"), result.data().get("latency"));
        Duration maxSpan = w.duration().dividedBy(4);
        List<DeploymentMarker> markers = WorkerDetailBuilder.markers(deployments, versions, series, since, now,
                w.step(), maxSpan);
        publish(new WorkerDetailSnapshot(scriptName, w, now, series, markers, versions,
                WorkerDetailBuilder.activeVersion(deployments), Staleness.fresh(now), problem));
        return PollingLoop.Outcome.SUCCESS;
    }

    static List<WorkersInvocationsQuery> selections(String accountTag, String scriptName, DatasetSettings limits,
                                                    Instant since, Instant until, TimeWindow w) {
        int limit = DatasetLimits.limit(limits);
        WorkersInvocationsQuery series = WorkersInvocationsQuery.builder().alias("series").accountTag(accountTag)
                .since(since).until(until).limit(limit).filterScriptName(scriptName)
                .dimensions(w.grain(), Dimension.STATUS)
                .sum(SumField.REQUESTS, SumField.ERRORS, SumField.SUBREQUESTS)
                .orderBy(OrderBy.asc(w.grain()))
                .build();
        WorkersInvocationsQuery latency = WorkersInvocationsQuery.builder().alias("latency").accountTag(accountTag)
                .since(since).until(until).limit(limit).filterScriptName(scriptName)
                .dimensions(w.grain())
                .quantiles(QuantileField.CPU_TIME_P50, QuantileField.CPU_TIME_P99, QuantileField.WALL_TIME_P50,
                        QuantileField.WALL_TIME_P99)
                .orderBy(OrderBy.asc(w.grain()))
                .build();
        return List.of(series, latency);
    }
}
