package dev.flareobserver.orchestration.containers;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.analytics.GraphQLException;
import dev.flareobserver.api.analytics.GraphQLResult;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ApplicationVersion;
import dev.flareobserver.api.containers.ApplicationsClient;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.api.containers.ContainersMetricsFields.Aggregate;
import dev.flareobserver.api.containers.ContainersMetricsFields.Dimension;
import dev.flareobserver.api.containers.ContainersMetricsQuery;
import dev.flareobserver.api.containers.ContainersMetricsRow;
import dev.flareobserver.api.containers.ExecRequest;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.ModifyApplication;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.api.containers.SchedulingPolicy;
import dev.flareobserver.api.workers.DurableObjectNamespace;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.resources.DeleteConfirmation;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.transport.CloudflareException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cloudflare Containers on the connection's current account: reads applications with their instances (v2),
 * rollouts, versions, pool state and metrics as one {@link ContainersSnapshot}; and the instance actions, each
 * through {@link ResourceWrites} (read-only mode refuses before any request; every attempt is audited).
 *
 * <p>Metrics come from one {@code containersMetricsAdaptiveGroups} query for the whole account per read, never
 * one per instance. When it fails, CPU and memory are unknown (with the reason), never zero.
 */
public final class ContainersService {

    static final String PRODUCT = "Containers";
    /** The span metrics are averaged over: long enough to hold a few of Cloudflare's one-minute groups. */
    static final Duration METRICS_SPAN = Duration.ofMinutes(5);
    /** What a fetch accepts as a path: absolute, no scheme or host (the instance's own port is the target). */
    private static final Pattern PATH = Pattern.compile("^/[^\\s]*$");

    private final AccountConnection connection;
    private final ResourceWrites writes;
    /**
     * What a poll need not read again (REST budget: 1200 requests per 5 minutes for the whole account): per
     * application, the version its versions and rollouts were read at, and whether it answered "no pool". A forced
     * read, or a new version or an active rollout, reads them again.
     */
    private final Map<String, Slow> slow = new java.util.concurrent.ConcurrentHashMap<>();

    private record Slow(Integer version, boolean noPool, Rollout rollout, List<ApplicationVersion> versions) {
    }

    public ContainersService(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    public AccountConnection connection() {
        return connection;
    }

    public ResourceWrites writes() {
        return writes;
    }

    // --- reads -------------------------------------------------------------------------------------------

    /**
     * Everything the page shows, read now. A failure of the applications list throws (nothing to show); a failure
     * for one application is kept in its row's {@code problem}; a failed metrics query leaves metrics unknown.
     */
    public ContainersSnapshot read(Instant now, boolean withMetrics) {
        return read(now, withMetrics, true);
    }

    /**
     * Like {@link #read(Instant, boolean)}; unless {@code forced}, what rarely changes (versions, finished rollouts,
     * "this application has no pool") is taken from the last read when the application's version is the same.
     */
    public ContainersSnapshot read(Instant now, boolean withMetrics, boolean forced) {
        String account = accountId();
        ApplicationsClient apps = client().containers().applications();
        List<ContainerApplication> all = new ArrayList<>(apps.listAll(account, ApplicationListParams.all())
                .stream().toList());
        all.sort(Comparator.comparing(ContainerApplication::name, Comparator.nullsLast(String::compareTo)));

        Map<String, InstanceMetrics> metrics = Map.of();
        String metricsProblem = null;
        if (withMetrics && !all.isEmpty()) {
            try {
                metrics = metrics(account, now);
            } catch (CloudflareException e) {
                metricsProblem = metricsProblem(e);
            }
        }
        Map<String, String> owners = owners(account, all);
        List<ApplicationRow> rows = new ArrayList<>(all.size());
        for (ContainerApplication app : all) {
            String namespace = namespaceOf(app);
            rows.add(readApplication(account, app, metrics, namespace == null ? null : owners.get(namespace),
                    forced));
        }
        slow.keySet().retainAll(all.stream().map(ContainerApplication::id).toList());
        return new ContainersSnapshot(true, now, rows, metricsProblem, Staleness.fresh(now), null);
    }

    private ApplicationRow readApplication(String account, ContainerApplication app,
                                           Map<String, InstanceMetrics> metrics, String owner, boolean forced) {
        ApplicationsClient apps = client().containers().applications();
        List<String> problems = new ArrayList<>();
        Slow known = slow.get(app.id());
        boolean sameVersion = !forced && known != null && Objects.equals(known.version(), app.version());
        ContainerPoolState pool = null;
        boolean noPool = sameVersion && known.noPool();
        if (!noPool) {
            try {
                pool = apps.pool().get(account, app.id()).orElse(null);
                noPool = pool == null;
            } catch (CloudflareException e) {
                problems.add("pool: " + e.getMessage());
            }
        }
        Map<String, String> poolStatus = new HashMap<>();
        if (pool != null) {
            pool.instances().forEach(m -> poolStatus.put(m.id(), m.status()));
        }
        List<InstanceRow> instances = new ArrayList<>();
        try {
            for (ContainerInstanceV2 i : apps.instances().listAllV2(account, app.id(), InstanceListParams.all())) {
                instances.add(InstanceRow.of(i, app.name(), metrics.get(i.id()), poolStatus.get(i.id())));
            }
        } catch (CloudflareException e) {
            problems.add("instances: " + e.getMessage());
        }
        Rollout rollout = sameVersion ? known.rollout() : null;
        List<ApplicationVersion> versions = sameVersion ? known.versions() : List.of();
        boolean rolling = app.activeRolloutId() != null
                || (rollout != null && rollout.status() != null && !rollout.status().isFinished());
        // Durable-Object-managed applications have no versions or rollouts (containers.md §3).
        if (app.schedulingPolicy() != SchedulingPolicy.DURABLE_OBJECT && (!sameVersion || rolling)) {
            try {
                rollout = latest(app, apps.rollouts().list(account, app.id()));
                versions = apps.versions(account, app.id());
            } catch (CloudflareException e) {
                problems.add("rollouts: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            slow.put(app.id(), new Slow(app.version(), noPool, rollout, versions));
        } else {
            slow.remove(app.id());
        }
        return new ApplicationRow(app, instances, rollout, versions, pool, List.of(), owner,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static Rollout latest(ContainerApplication app, List<Rollout> rollouts) {
        if (rollouts == null || rollouts.isEmpty()) {
            return null;
        }
        return rollouts.stream().filter(r -> r.id() != null && r.id().equals(app.activeRolloutId())).findFirst()
                .orElseGet(() -> rollouts.stream().max(Comparator.comparing(Rollout::createdAt,
                        Comparator.nullsFirst(Comparator.naturalOrder()))).orElse(null));
    }

    /** CPU and memory per instance id over the last {@link #METRICS_SPAN}: one query for the whole account. */
    Map<String, InstanceMetrics> metrics(String account, Instant now) {
        ContainersMetricsQuery query = ContainersMetricsQuery.builder().accountTag(account)
                .since(now.minus(METRICS_SPAN)).until(now).limit(ContainersMetricsQuery.MAX_LIMIT)
                .dimensions(Dimension.INSTANCE_ID).aggregates(Aggregate.AVG_CPU_UTILIZATION, Aggregate.MAX_MEMORY)
                .build();
        GraphQLResult<List<ContainersMetricsRow>> result = client().containers().metrics().query(query);
        if (result.data().isEmpty() && !result.errors().isEmpty()) {
            throw new GraphQLException("ContainersMetrics", result.errors());
        }
        Map<String, InstanceMetrics> out = new HashMap<>();
        for (ContainersMetricsRow row : result.data()) {
            if (row.dimensions() != null && row.dimensions().instanceId() != null) {
                out.put(row.dimensions().instanceId(), new InstanceMetrics(row.value(Aggregate.AVG_CPU_UTILIZATION),
                        row.value(Aggregate.MAX_MEMORY)));
            }
        }
        return out;
    }

    private static String metricsProblem(CloudflareException e) {
        String why = e instanceof GraphQLException g ? g.firstMessage() : e.getMessage();
        return "CPU and memory are unknown: the metrics query failed (" + why + ")";
    }

    /** Namespace id → owning Worker, for the applications managed by a Durable Object namespace. */
    private Map<String, String> owners(String account, List<ContainerApplication> apps) {
        if (apps.stream().noneMatch(a -> namespaceOf(a) != null)) {
            return Map.of();
        }
        try {
            return client().workers().durableObjects().list(account).stream()
                    .filter(n -> n.id() != null && n.script() != null)
                    .collect(Collectors.toMap(DurableObjectNamespace::id, DurableObjectNamespace::script,
                            (a, b) -> a));
        } catch (CloudflareException e) {
            // Without the namespaces the page still shows everything but live output; say nothing louder.
            return Map.of();
        }
    }

    private static String namespaceOf(ContainerApplication app) {
        return app.durableObjects() == null ? null : app.durableObjects().namespaceId();
    }

    // --- actions -----------------------------------------------------------------------------------------

    /**
     * Stops an instance: Cloudflare's only instance verb for it is {@code DELETE .../instances/{id}} (SIGTERM,
     * then SIGKILL after the grace period). The application's instance count or its pool starts a replacement.
     */
    public void stop(InstanceRow instance) {
        Write write = Write.of(accountId(), PRODUCT, "stop instance", target(instance))
                .withBefore("state " + instance.state().name().toLowerCase(java.util.Locale.ROOT));
        writes.run(write, () -> client().containers().applications().instances()
                .delete(accountId(), instance.applicationId(), instance.id()));
    }

    /**
     * Deletes an instance for good: for an application scheduled by instance count, the count is lowered by one
     * first so that no replacement starts; then the instance is stopped and removed. Needs the typed name (or id).
     */
    public void delete(ApplicationRow application, InstanceRow instance, String typed) {
        Write write = Write.of(accountId(), PRODUCT, "delete instance", target(instance))
                .withBefore("instances " + application.application().instances());
        writes.requireUnlocked(write);
        DeleteConfirmation.require("instance", instance.confirmationName(), typed);
        Integer count = application.application().instances();
        boolean scaleDown = application.pool() == null && !application.durableObjectManaged()
                && count != null && count > 0;
        writes.run(write, () -> {
            ApplicationsClient apps = client().containers().applications();
            if (scaleDown) {
                apps.modify(accountId(), application.id(), ModifyApplication.instances(count - 1));
            }
            apps.instances().delete(accountId(), instance.applicationId(), instance.id());
        });
    }

    /** Runs a command in the instance (audited: it may change the instance). Words are split on spaces. */
    public ExecRequest.Result exec(InstanceRow instance, String commandLine) {
        List<String> words = commandLine == null ? List.of()
                : List.of(commandLine.strip().split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
        Write write = Write.of(accountId(), PRODUCT, "exec", target(instance) + ": " + String.join(" ", words));
        writes.requireUnlocked(write);
        if (words.isEmpty()) {
            throw new InvalidResourceInputException("Type a command to run, e.g. ls -l /");
        }
        return writes.run(write, () -> client().containers().applications().instances()
                .exec(accountId(), instance.applicationId(), instance.id(), new ExecRequest(words, null, null, null,
                        null)), r -> "exit " + r.exitCode());
    }

    /**
     * Sends a GET for {@code path} to the instance's port. Audited like a write: it reaches the application, which
     * may act on it, so read-only mode blocks it too.
     */
    public FetchRequest.Result fetch(InstanceRow instance, String path) {
        String p = path == null ? "" : path.strip();
        Write write = Write.of(accountId(), PRODUCT, "fetch", target(instance) + " GET " + p);
        writes.requireUnlocked(write);
        if (!PATH.matcher(p).matches()) {
            throw new InvalidResourceInputException("A path starts with / and has no spaces, e.g. /health");
        }
        return writes.run(write, () -> client().containers().applications().instances()
                .fetch(accountId(), instance.applicationId(), instance.id(), FetchRequest.get(p)),
                r -> "HTTP " + r.status());
    }

    private static String target(InstanceRow instance) {
        return instance.applicationName() + "/" + instance.confirmationName();
    }

    // --- plumbing ----------------------------------------------------------------------------------------

    private CloudflareClient client() {
        return connection.client().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare."));
    }

    String accountId() {
        return connection.currentAccount().map(Account::id)
                .orElseThrow(() -> new IllegalStateException("No account is selected."));
    }

    Optional<String> currentAccountId() {
        return connection.currentAccount().map(Account::id);
    }
}
