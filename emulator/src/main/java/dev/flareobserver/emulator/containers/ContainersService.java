package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.http.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the containers routes do to applications: create, modify, delete, keep the configured number of instances
 * running, compute health, and run rollouts ({@link RolloutRun}). Applications are JSON documents
 * ({@link ContainerStore}); instances are processes ({@link InstanceSupervisor}).
 */
final class ContainersService {

    private final ContainerStore store;
    private final InstanceSupervisor supervisor;
    private final Clock clock;
    private final Map<String, RolloutRun> activeRollouts = new ConcurrentHashMap<>();
    /** The last failures per application, newest first (what {@code health.errors} shows). */
    private final Map<String, List<ObjectNode>> errors = new ConcurrentHashMap<>();

    ContainersService(ContainerStore store, InstanceSupervisor supervisor, Clock clock) {
        this.store = store;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    ContainerStore store() {
        return store;
    }

    InstanceSupervisor supervisor() {
        return supervisor;
    }

    Clock clock() {
        return clock;
    }

    // ---- applications ----

    ObjectNode create(String accountId, ObjectNode body) {
        String now = clock.instant().toString();
        ObjectNode app = body.deepCopy();
        app.put("id", UUID.randomUUID().toString());
        app.put("account_id", accountId);
        app.put("version", 1);
        app.put("created_at", now);
        app.put("updated_at", now);
        if (!app.has("scheduling_policy")) {
            app.put("scheduling_policy", "default");
        }
        if (!app.has("instances")) {
            app.put("instances", 0);
        }
        app.remove("health");
        store.putApplication(app);
        if (app.has("configuration")) {
            store.putVersion(app.get("id").asText(), 1, (ObjectNode) app.get("configuration"));
        }
        reconcile(app);
        return app;
    }

    /**
     * Applies a PATCH. A new {@code configuration} is merged into the current one and becomes the next version;
     * running instances keep theirs until a rollout replaces them (wrangler's deploy sends PATCH then a rollout;
     * whether PATCH alone replaces instances is unconfirmed). A new {@code instances} count scales at once.
     */
    ObjectNode modify(ObjectNode app, ObjectNode patch) {
        ObjectNode updated = app.deepCopy();
        patch.fields().forEachRemaining(f -> {
            switch (f.getKey()) {
                case "id", "account_id", "created_at", "version", "health", "active_rollout_id" -> {
                }
                case "configuration" -> {
                    ObjectNode merged = updated.has("configuration") ? ((ObjectNode) updated.get("configuration")).deepCopy()
                            : Json.MAPPER.createObjectNode();
                    merged.setAll((ObjectNode) f.getValue());
                    if (!merged.equals(updated.get("configuration"))) {
                        int version = updated.path("version").asInt(1) + 1;
                        updated.put("version", version);
                        updated.set("configuration", merged);
                        store.putVersion(updated.get("id").asText(), version, merged);
                    }
                }
                default -> updated.set(f.getKey(), f.getValue());
            }
        });
        updated.put("updated_at", clock.instant().toString());
        store.putApplication(updated);
        reconcile(updated);
        return updated;
    }

    void delete(ObjectNode app) {
        RolloutRun run = activeRollouts.remove(app.get("id").asText());
        if (run != null) {
            run.cancel();
        }
        supervisor.ofApplication(app.get("id").asText()).forEach(supervisor::remove);
        errors.remove(app.get("id").asText());
        store.deleteApplication(app.get("id").asText());
    }

    /** How many instances the application should have running (0 for Durable-Object and pool-managed apps). */
    static int desiredInstances(JsonNode app) {
        if ("durable_object".equals(app.path("scheduling_policy").asText()) || app.has("pool")) {
            return 0;
        }
        return Math.max(0, app.path("instances").asInt(0));
    }

    /**
     * Starts or stops instances so the application has its configured count (unless a rollout is replacing them).
     * Failed instances stay listed as failed and are not replaced: a crashing image must stay visible.
     */
    void reconcile(ObjectNode app) {
        String id = app.get("id").asText();
        if (activeRollouts.containsKey(id) || !app.has("configuration") || app.has("pool")
                || "durable_object".equals(app.path("scheduling_policy").asText())) {
            return;
        }
        int desired = desiredInstances(app);
        List<Instance> live = supervisor.ofApplication(id).stream().filter(i -> i.state().isActive()
                && i.state() != InstanceState.STOPPING).toList();
        for (int n = live.size(); n < desired; n++) {
            start(app, app.path("version").asInt(1), app.get("configuration"), null, null, Map.of());
        }
        for (int n = desired; n < live.size(); n++) {
            supervisor.stop(live.get(live.size() - 1 - (n - desired)));
        }
    }

    Instance start(JsonNode app, int version, JsonNode configuration, String name, List<String> entrypoint,
                   Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : configuration.path("environment_variables")) {
            env.put(e.path("name").asText(), e.path("value").asText());
        }
        env.putAll(extraEnv);
        List<String> regions = new ArrayList<>();
        app.path("constraints").path("regions").forEach(r -> regions.add(r.asText()));
        JsonNode grace = configuration.path("lifecycle").path("max_termination_duration");
        InstanceTypes size = InstanceTypes.of(configuration);
        return supervisor.start(new InstanceSupervisor.StartSpec(app.path("account_id").asText(),
                app.path("id").asText(), name, version, configuration.path("image").asText(null),
                entrypoint != null ? entrypoint : strings(configuration.path("entrypoint")),
                strings(configuration.path("command")), env, regions,
                grace.isNumber() ? Duration.ofSeconds(grace.asLong()) : null, size.vcpu(), size.memoryMib(), size.diskMb()));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Records a failed instance for {@code health.errors}; the event names are the reference's. */
    void recordFailure(Instance.Snapshot s) {
        String failure = s.failure() == null ? "exited" : s.failure();
        String event = failure.startsWith("ImagePullError") ? "ImagePullError"
                : failure.startsWith("RuntimeStartFailed") ? "RuntimeStartFailed" : "VMFailed";
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("instance_id", s.id());
        ObjectNode ev = e.putObject("event");
        ev.put("name", event);
        ev.put("type", event.equals("ImagePullError") ? "UserError" : "Error");
        ev.put("message", failure);
        ev.put("time", s.updatedAt().toString());
        List<ObjectNode> list = errors.computeIfAbsent(s.applicationId(), k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        if (list.stream().noneMatch(x -> x.path("instance_id").asText().equals(s.id()))) {
            list.add(0, e);
            while (list.size() > 20) {
                list.remove(list.size() - 1);
            }
        }
    }

    /** The application as the API shows it: the stored document plus live {@code health}. */
    ObjectNode view(ObjectNode app) {
        ObjectNode out = app.deepCopy();
        String id = app.get("id").asText();
        List<Instance.Snapshot> all = supervisor.ofApplication(id).stream().map(Instance::snapshot).toList();
        int active = 0;
        int healthy = 0;
        int failed = 0;
        int starting = 0;
        for (Instance.Snapshot s : all) {
            if (s.state().isActive()) {
                active++;
            }
            if (s.state() == InstanceState.RUNNING) {
                healthy++;
            } else if (s.state() == InstanceState.FAILED || s.state() == InstanceState.UNHEALTHY) {
                failed++;
            } else if (s.state() == InstanceState.PROVISIONING) {
                starting++;
            }
        }
        ObjectNode health = out.putObject("health");
        ObjectNode counts = health.putObject("instances");
        counts.put("active", active);
        counts.put("assigned", active);
        counts.put("healthy", healthy);
        counts.put("failed", failed);
        counts.put("starting", starting);
        counts.put("scheduling", 0);
        ArrayNode errs = health.putArray("errors");
        errors.getOrDefault(id, List.of()).forEach(errs::add);
        String summary = active == 0 && failed == 0 ? "pending"
                : healthy == active && failed == 0 ? "healthy"
                : healthy > 0 ? "degraded" : starting > 0 ? "pending" : "unhealthy";
        health.put("summary", summary);
        RolloutRun run = activeRollouts.get(id);
        if (run != null) {
            out.put("active_rollout_id", run.id());
        }
        return out;
    }

    // ---- versions ----

    /** Every version with the share of active instances running it. */
    List<Map<String, Object>> versions(ObjectNode app) {
        String id = app.get("id").asText();
        List<Instance.Snapshot> active = supervisor.ofApplication(id).stream().map(Instance::snapshot)
                .filter(s -> s.state().isActive()).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContainerStore.Version v : store.versions(id)) {
            long on = active.stream().filter(s -> s.version() == v.version()).count();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("percentage", active.isEmpty() ? 0 : Math.round(1000.0 * on / active.size()) / 10.0);
            item.put("configuration", v.configuration());
            out.add(item);
        }
        return out;
    }

    // ---- rollouts ----

    ObjectNode createRollout(ObjectNode app, ObjectNode body, List<Integer> cumulativePercentages) {
        String appId = app.get("id").asText();
        RolloutRun previous = activeRollouts.get(appId);
        if (previous != null) {
            previous.replace();
        }
        ObjectNode current = app.has("configuration") ? (ObjectNode) app.get("configuration") : Json.MAPPER.createObjectNode();
        ObjectNode target = current.deepCopy();
        target.setAll((ObjectNode) body.get("target_configuration"));
        int currentVersion = runningVersion(app);
        List<ContainerStore.Version> versions = store.versions(appId);
        Optional<ContainerStore.Version> same = versions.stream().filter(v -> v.configuration().equals(target))
                .max(Comparator.comparingInt(ContainerStore.Version::version));
        int targetVersion;
        if (same.isPresent()) {
            targetVersion = same.get().version();
        } else {
            targetVersion = versions.stream().mapToInt(ContainerStore.Version::version).max().orElse(0) + 1;
            store.putVersion(appId, targetVersion, target);
        }
        ObjectNode currentConfiguration = versions.stream().filter(v -> v.version() == currentVersion)
                .map(ContainerStore.Version::configuration).findFirst().orElse(current);
        RolloutRun run = new RolloutRun(this, app, body, currentVersion, currentConfiguration, targetVersion, target,
                cumulativePercentages);
        activeRollouts.put(appId, run);
        ObjectNode doc = run.document();
        supervisor.workers().execute(() -> {
            try {
                run.execute();
            } finally {
                activeRollouts.remove(appId, run);
            }
        });
        return doc;
    }

    Optional<RolloutRun> activeRollout(String applicationId) {
        return Optional.ofNullable(activeRollouts.get(applicationId));
    }

    /** The version most active instances run; the application's version when none runs. */
    int runningVersion(JsonNode app) {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        supervisor.ofApplication(app.get("id").asText()).stream().map(Instance::snapshot)
                .filter(s -> s.state().isActive() && s.state() != InstanceState.STOPPING)
                .forEach(s -> counts.merge(s.version(), 1L, Long::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(app.path("version").asInt(1));
    }

    /** The rollout finished: the application now is the target configuration. */
    void rolloutCompleted(String accountId, String applicationId, int version, ObjectNode configuration) {
        store.application(accountId, applicationId).ifPresent(app -> {
            app.put("version", version);
            app.set("configuration", configuration);
            app.put("updated_at", clock.instant().toString());
            store.putApplication(app);
        });
    }

    Instant now() {
        return clock.instant();
    }

    void close() {
        activeRollouts.values().forEach(RolloutRun::cancel);
        activeRollouts.clear();
        errors.clear();
    }
}
