package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pool of ready instances for one application, with the semantics of the container-pool seed (PoolManager):
 * keep {@code target_instances} ready, creating at most {@code batch_size} per batch and waiting
 * {@code batch_spacing_seconds} between batches; {@code allocate} hands out a ready instance (preferring the
 * requested location) or starts one on demand when none is ready; an allocated instance lives at most its
 * {@code max_lifetime_seconds} and is destroyed when released or expired; instances that died on their own are
 * orphans and are cleaned up. The seed calls an allocated container "released" (to the user); here
 * {@code allocated} is that state and {@code release} gives an instance back (it is destroyed, as the seed's
 * containers are single-use). Emulator-specific: Cloudflare's public API has no pool resource.
 */
final class ContainerPool {

    /** The pool's settings ({@code POOL_TARGET_INSTANCES}, {@code POOL_BATCH_SIZE}, {@code POOL_BATCH_SPACING_IN_SECONDS}). */
    record Settings(int targetInstances, int batchSize, int batchSpacingSeconds, int maxLifetimeSeconds) {

        static Settings of(JsonNode pool) {
            return new Settings(pool.path("target_instances").asInt(3), Math.max(1, pool.path("batch_size").asInt(2)),
                    Math.max(0, pool.path("batch_spacing_seconds").asInt(10)),
                    Math.max(0, pool.path("max_lifetime_seconds").asInt(3600)));
        }
    }

    /** One instance the pool knows: waiting in the pool, or allocated until {@code expiresAt}. */
    private static final class Member {
        final Instance instance;
        boolean allocated;
        Instant allocatedAt;
        Instant expiresAt;

        Member(Instance instance) {
            this.instance = instance;
        }
    }

    private final String applicationId;
    private final List<Member> members = new ArrayList<>();
    private Settings settings;
    private Instant lastBatchAt;
    private int batches;
    private int orphansCleaned;
    private int expired;

    ContainerPool(String applicationId, Settings settings) {
        this.applicationId = applicationId;
        this.settings = settings;
    }

    synchronized void configure(Settings value) {
        settings = value;
    }

    synchronized Settings settings() {
        return settings;
    }

    /**
     * One maintenance pass (the seed's alarm): clean orphans and expired allocations, then start the next batch
     * if the pool is short and the spacing has passed. {@code starter} starts one instance.
     */
    synchronized void maintain(Instant now, java.util.function.Supplier<Instance> starter,
                               java.util.function.Consumer<Instance> destroyer) {
        for (var it = members.iterator(); it.hasNext(); ) {
            Member m = it.next();
            InstanceState s = m.instance.state();
            if (!s.isActive() || s == InstanceState.STOPPING) {
                it.remove();
                orphansCleaned++;
                destroyer.accept(m.instance);
            } else if (m.allocated && m.expiresAt != null && !m.expiresAt.isAfter(now)) {
                it.remove();
                expired++;
                destroyer.accept(m.instance);
            }
        }
        long waiting = members.stream().filter(m -> !m.allocated).count();
        int missing = (int) (settings.targetInstances() - waiting);
        boolean spaced = lastBatchAt == null
                || !lastBatchAt.plus(Duration.ofSeconds(settings.batchSpacingSeconds())).isAfter(now);
        if (missing > 0 && spaced) {
            for (int i = 0; i < Math.min(missing, settings.batchSize()); i++) {
                members.add(new Member(starter.get()));
            }
            lastBatchAt = now;
            batches++;
        }
    }

    /** A ready instance (in {@code region} if one is), or a new one when none is ready. */
    synchronized Instance allocate(String region, Integer maxLifetimeSeconds, Instant now,
                                   java.util.function.Supplier<Instance> starter) {
        Optional<Member> ready = members.stream()
                .filter(m -> !m.allocated && m.instance.state() == InstanceState.RUNNING)
                .sorted(java.util.Comparator.comparing((Member x) -> !inRegion(x, region)))
                .findFirst();
        Member m = ready.orElseGet(() -> {
            Member fresh = new Member(starter.get());
            members.add(fresh);
            return fresh;
        });
        m.allocated = true;
        m.allocatedAt = now;
        int lifetime = maxLifetimeSeconds != null ? maxLifetimeSeconds : settings.maxLifetimeSeconds();
        m.expiresAt = lifetime > 0 ? now.plusSeconds(lifetime) : null;
        return m.instance;
    }

    private static boolean inRegion(Member m, String region) {
        return region != null && m.instance.location.region().equalsIgnoreCase(region);
    }

    /** Gives an allocated instance back; it is destroyed. False if the pool does not know it. */
    synchronized boolean release(String instanceId, java.util.function.Consumer<Instance> destroyer) {
        for (var it = members.iterator(); it.hasNext(); ) {
            Member m = it.next();
            if (m.instance.id.equals(instanceId)) {
                it.remove();
                destroyer.accept(m.instance);
                return true;
            }
        }
        return false;
    }

    /** The pool's state as the emulator endpoint shows it. */
    synchronized Map<String, Object> state(Instant now) {
        int ready = 0;
        int starting = 0;
        int allocated = 0;
        List<Map<String, Object>> list = new ArrayList<>();
        for (Member m : members) {
            Instance.Snapshot s = m.instance.snapshot();
            String status = m.allocated ? "allocated" : s.state() == InstanceState.RUNNING ? "ready" : "starting";
            switch (status) {
                case "allocated" -> allocated++;
                case "ready" -> ready++;
                default -> starting++;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", s.id());
            item.put("status", status);
            item.put("state", s.state().wire());
            item.put("location", Map.of("name", s.location().name(), "region", s.location().region()));
            item.put("created_at", s.createdAt().toString());
            if (m.allocatedAt != null) {
                item.put("allocated_at", m.allocatedAt.toString());
            }
            if (m.expiresAt != null) {
                item.put("expires_at", m.expiresAt.toString());
            }
            list.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("application_id", applicationId);
        out.put("target_instances", settings.targetInstances());
        out.put("batch_size", settings.batchSize());
        out.put("batch_spacing_seconds", settings.batchSpacingSeconds());
        out.put("max_lifetime_seconds", settings.maxLifetimeSeconds());
        out.put("ready", ready);
        out.put("starting", starting);
        out.put("allocated", allocated);
        out.put("batches", batches);
        out.put("orphans_cleaned", orphansCleaned);
        out.put("expired", expired);
        if (lastBatchAt != null) {
            out.put("last_batch_at", lastBatchAt.toString());
        }
        out.put("instances", list);
        return out;
    }

    static String regionOf(String locationHint) {
        return locationHint == null ? null : locationHint.toUpperCase(Locale.ROOT);
    }
}
