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
import dev.flareobserver.api.workers.WorkerScript;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the Overview: ONE GraphQL request per refresh for the whole account (aliases {@code current},
 * {@code previous}, {@code load} and {@code total} in one document, grouped by {@code scriptName}), plus the
 * scripts list for "last deploy", re-read at most every {@link MonitorOptions#scriptsRefresh()} or when asked.
 *
 * <p>Polls only between {@link #start()} and {@link #stop()}; listeners are called on the monitor's thread.
 */
public final class AccountMonitor extends PollingMonitor<AccountSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountMonitor.class);

    static final String PANEL = "Overview";
    static final String QUERY = "AccountOverview";
    static final String SCRIPTS_QUERY = "Workers scripts list";

    private final AccountConnection connection;
    private final MonitorOptions options;
    private volatile List<WorkerScript> scripts = List.of();
    private volatile Instant scriptsReadAt;
    private volatile String scriptsAccount;

    public AccountMonitor(AccountConnection connection, MonitorOptions options) {
        super("flare-overview-monitor", connection, options, TimeWindow.H1, AccountSnapshot.empty(TimeWindow.H1));
        this.connection = connection;
        this.options = options;
    }

    @Override
    protected PollingLoop.Outcome refresh(boolean forced) {
        TimeWindow w = window();
        Instant now = options.clock().instant();
        CloudflareClient client = connection.client().orElse(null);
        AccountSummary account = connection.snapshot().current();
        PollingLoop.Outcome refused = cannotQuery(client != null && account != null, PANEL, QUERY);
        if (refused != null) {
            return refused;
        }
        DatasetSettings limits = DatasetLimits.of(client, account.id());
        Instant currentSince = DatasetLimits.clampSince(limits, now.minus(options.currentSpan()), now, now);
        Instant previousSince = DatasetLimits.clampSince(limits, currentSince.minus(options.previousSpan()),
                currentSince, now);
        if (!previousSince.isBefore(currentSince.minusSeconds(1))) {
            // the dataset's age limit leaves no room before the current window: an empty previous span
            previousSince = currentSince.minusSeconds(2);
        }
        Instant loadSince = DatasetLimits.clampSince(limits, now.minus(w.duration()), now, now);
        List<WorkersInvocationsQuery> selections = selections(account.id(), limits, now, currentSince, previousSince,
                loadSince, w);

        GraphQLResult<Map<String, List<WorkersInvocationsRow>>> result;
        try {
            result = client.analytics().workersInvocations(QUERY, selections);
        } catch (RuntimeException e) {
            LOG.debug("Overview refresh failed: {}", e.toString());
            fail(MonitorProblems.from(PANEL, QUERY, e), e.getMessage());
            return PollingLoop.Outcome.FAILURE;
        }
        MonitorProblem problem = null;
        if (forced || scriptsReadAt == null || !account.id().equals(scriptsAccount)
                || !now.isBefore(scriptsReadAt.plus(options.scriptsRefresh()))) {
            try {
                scripts = client.workers().scripts().list(account.id());
                scriptsReadAt = now;
                scriptsAccount = account.id();
            } catch (RuntimeException e) {
                // The figures are fresh; only "last deploy" may be old, so this is a problem, not staleness.
                problem = MonitorProblems.from(PANEL, SCRIPTS_QUERY, e);
            }
        }
        if (problem == null && result.isPartial()) {
            problem = new MonitorProblem(PANEL, QUERY, PANEL + ": some figures are missing: "
                    + result.errors().get(0).message(),
                    result.errors().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        Map<String, List<WorkersInvocationsRow>> rows = result.data();
        List<WorkerScript> knownScripts = account.id().equals(scriptsAccount) ? scripts : List.of();
        AccountSnapshot next = OverviewBuilder.build(new OverviewBuilder.Input(now, w,
                Duration.between(currentSince, now), Duration.between(previousSince, currentSince), loadSince, now,
                rows.get("current"), rows.get("previous"), rows.get("load"), rows.get("total"), knownScripts,
                options.thresholds()));
        publish(problem == null ? next : next.withProblem(problem));
        return PollingLoop.Outcome.SUCCESS;
    }

    static List<WorkersInvocationsQuery> selections(String accountTag, DatasetSettings limits, Instant now,
                                                    Instant currentSince, Instant previousSince, Instant loadSince,
                                                    TimeWindow w) {
        int limit = DatasetLimits.limit(limits);
        WorkersInvocationsQuery current = WorkersInvocationsQuery.builder().alias("current").accountTag(accountTag)
                .since(currentSince).until(now).limit(limit)
                .dimensions(Dimension.SCRIPT_NAME)
                .sum(SumField.REQUESTS, SumField.ERRORS, SumField.SUBREQUESTS)
                .quantiles(QuantileField.CPU_TIME_P50, QuantileField.CPU_TIME_P99, QuantileField.WALL_TIME_P99)
                .orderBy(OrderBy.desc(SumField.REQUESTS))
                .build();
        // one second short of the current window so no event is counted twice
        WorkersInvocationsQuery previous = WorkersInvocationsQuery.builder().alias("previous").accountTag(accountTag)
                .since(previousSince).until(currentSince.minusSeconds(1)).limit(limit)
                .dimensions(Dimension.SCRIPT_NAME)
                .sum(SumField.REQUESTS, SumField.ERRORS)
                .orderBy(OrderBy.desc(SumField.REQUESTS))
                .build();
        WorkersInvocationsQuery load = WorkersInvocationsQuery.builder().alias("load").accountTag(accountTag)
                .since(loadSince).until(now).limit(limit)
                .dimensions(w.grain())
                .sum(SumField.REQUESTS, SumField.ERRORS)
                .orderBy(OrderBy.asc(w.grain()))
                .build();
        // no dimensions: one row with the account-wide CPU p99, which per-Worker quantiles cannot give
        WorkersInvocationsQuery total = WorkersInvocationsQuery.builder().alias("total").accountTag(accountTag)
                .since(currentSince).until(now).limit(1)
                .sum(SumField.REQUESTS)
                .quantiles(QuantileField.CPU_TIME_P99)
                .build();
        return List.of(current, previous, load, total);
    }
}
