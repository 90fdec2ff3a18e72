package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pools of pool-managed applications ({@link ContainerPool}), kept in the application document under
 * {@code pool} (an emulator-specific field) and maintained by one periodic pass.
 */
final class ContainerPools {

    private static final long TICK_MS = 250;

    private final ContainersService service;
    private final Map<String, ContainerPool> pools = new ConcurrentHashMap<>();
    private final Map<String, String> accountOf = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> ticker;

    ContainerPools(ContainersService service) {
        this.service = service;
        this.ticker = service.supervisor().scheduler().scheduleWithFixedDelay(this::maintainAll, TICK_MS, TICK_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Starts maintaining the pool an application document describes (after a restart, or when seeded). */
    void resume(ObjectNode app) {
        if (app.has("pool")) {
            String id = app.get("id").asText();
            accountOf.put(id, app.path("account_id").asText());
            pools.computeIfAbsent(id, k -> new ContainerPool(id, ContainerPool.Settings.of(app.get("pool"))))
                    .configure(ContainerPool.Settings.of(app.get("pool")));
        }
    }

    Map<String, Object> configure(ObjectNode app, ObjectNode settings) {
        ObjectNode pool = app.has("pool") ? ((ObjectNode) app.get("pool")).deepCopy() : Json.MAPPER.createObjectNode();
        pool.setAll(settings);
        ObjectNode updated = app.deepCopy();
        updated.set("pool", pool);
        service.store().putApplication(updated);
        if (app.has("configuration") && !app.has("pool")) {
            // The pool takes over: instances started for the plain instance count are replaced by pool members.
            service.supervisor().ofApplication(app.get("id").asText()).forEach(service.supervisor()::stop);
        }
        resume(updated);
        return state(updated);
    }

    Map<String, Object> state(ObjectNode app) {
        return pool(app).state(service.now());
    }

    Map<String, Object> allocate(ObjectNode app, String location, Integer maxLifetimeSeconds) {
        Instance i = pool(app).allocate(ContainerPool.regionOf(location), maxLifetimeSeconds, service.now(),
                () -> startMember(app));
        Instance.Snapshot s = i.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("state", s.state().wire());
        out.put("location", Map.of("name", s.location().name(), "region", s.location().region()));
        return out;
    }

    boolean release(ObjectNode app, String instanceId) {
        return pool(app).release(instanceId, service.supervisor()::remove);
    }

    void remove(String applicationId) {
        pools.remove(applicationId);
        accountOf.remove(applicationId);
    }

    void clear() {
        pools.clear();
        accountOf.clear();
    }

    void close() {
        ticker.cancel(false);
        clear();
    }

    private ContainerPool pool(ObjectNode app) {
        ContainerPool p = pools.get(app.get("id").asText());
        if (p == null) {
            throw new ApiException(404, ContainerRoutes.NOT_FOUND, "Not found: application " + app.get("id").asText()
                    + " has no pool; PUT .../pool {target_instances, batch_size, batch_spacing_seconds} creates one");
        }
        return p;
    }

    private Instance startMember(ObjectNode app) {
        return service.start(app, app.path("version").asInt(1), app.get("configuration"), null, null, Map.of());
    }

    private void maintainAll() {
        try {
            maintainEach();
        } catch (RuntimeException e) {
            // A failed pass must not end the periodic task; the next one tries again.
            org.slf4j.LoggerFactory.getLogger(ContainerPools.class).warn("Pool maintenance failed: {}", e.toString());
        }
    }

    private void maintainEach() {
        for (Map.Entry<String, ContainerPool> e : pools.entrySet()) {
            String account = accountOf.get(e.getKey());
            service.store().application(account, e.getKey()).ifPresentOrElse(
                    app -> e.getValue().maintain(service.now(), () -> startMember(app), service.supervisor()::remove),
                    () -> pools.remove(e.getKey()));
        }
    }
}
