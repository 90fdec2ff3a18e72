package dev.flareobserver.emulator.workers;

import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.workers.WorkerStore.DeploymentRecord;
import dev.flareobserver.emulator.workers.WorkerStore.ModuleRecord;
import dev.flareobserver.emulator.workers.WorkerStore.NewVersion;
import dev.flareobserver.emulator.workers.WorkerStore.ScriptRecord;
import dev.flareobserver.emulator.workers.WorkerStore.SeedScript;
import dev.flareobserver.emulator.workers.WorkerStore.Share;
import dev.flareobserver.emulator.workers.WorkerStore.VersionRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo account's Workers: believable names, 2-6 versions each, deployments spread over the
 * last 7 days (with the odd gradual rollout and rollback), and the scripted incidents' Workers.
 * Ids, authors and messages derive from seeds, so they are the same on every run; times are
 * relative to "now" at seeding, so a fresh demo always has a week of history.
 */
public final class DemoWorkers {

    /** The demo set, incident Workers first so even a small {@code workers(n)} keeps them. */
    public static final List<String> DEMO_NAMES = List.of(
            "api-gateway", "checkout-api", "payments-webhook", "legacy-cron", "pool-manager", "auth-service", "image-resizer",
            "cron-cleanup", "email-router", "search-proxy", "session-store", "feature-flags", "geo-redirect",
            "cart-service", "inventory-sync", "order-events", "notification-fanout", "rate-limiter", "pdf-renderer",
            "analytics-beacon", "ab-testing", "cache-warmer", "sitemap-builder", "webhook-relay", "markdown-render",
            "static-assets-edge");

    public static final String CHECKOUT_API = "checkout-api";
    public static final String PAYMENTS_WEBHOOK = "payments-webhook";
    public static final String LEGACY_CRON = "legacy-cron";
    /**
     * The container-pool Worker of the seed (../shared/seeds/004): its Durable Object classes {@value #POOL_CONTAINER_CLASS}
     * (one per container) and PoolManager; the demo containers application {@code hello-pool} is bound to the
     * PoolContainer namespace, so the containers' output reaches this Worker's tails.
     */
    public static final String POOL_MANAGER = "pool-manager";
    public static final String POOL_CONTAINER_CLASS = "PoolContainer";
    /** The message of checkout-api's regressing version (and of its deployment ~3 h ago). */
    public static final String REGRESSION_MESSAGE = "Switch to new pricing engine";
    /** Annotation the traffic simulator reads: the CPU multiplier of a regressing version. */
    public static final String CPU_REGRESSION_KEY = "flare-emulator/cpu-regression";
    public static final int MAX_WORKERS = 2000;

    private static final List<String> AUTHORS = List.of(
            "demo@flareobserver.dev", "priya.raman@acme.example", "marco.bianchi@acme.example",
            "li.wei@acme.example", "sam.okafor@acme.example", "ci-bot@acme.example");
    private static final List<String> MESSAGES = List.of(
            "Bump dependencies", "Fix CORS headers on preflight", "Add request id to logs", "Tune cache TTLs",
            "Retry upstream on 503", "Handle empty payloads gracefully", "Reduce bundle size",
            "Move secrets to env bindings", "Stricter input validation", "Log slow subrequests",
            "Upgrade compatibility date", "Add health endpoint", "Fix timezone bug in reports",
            "Cache negative lookups for 60s", "Drop legacy v1 routes");
    private static final List<String> SOURCES = List.of("wrangler", "wrangler", "wrangler", "wrangler", "dash", "api",
            "terraform");
    private static final Duration WEEK = Duration.ofDays(7);

    private DemoWorkers() {
    }

    /**
     * The scripts to seed into one demo account: {@code count} Workers (the demo names first, then
     * {@code worker-0001}...). Generated Workers get two versions, enough for a benchmark.
     */
    public static List<SeedScript> build(String accountId, int count, Instant now) {
        if (count < 0 || count > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 0 and " + MAX_WORKERS + ", got " + count);
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        List<SeedScript> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i < DEMO_NAMES.size()) {
                out.add(demo(accountId, DEMO_NAMES.get(i), at));
            } else {
                out.add(generated(accountId, String.format(Locale.ROOT, "worker-%04d", i - DEMO_NAMES.size() + 1), at));
            }
        }
        return out;
    }

    /** The account's workers.dev subdomain: its name in DNS form ("Acme Production" -> acme-production). */
    public static String subdomainFor(String accountName) {
        String s = accountName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            s = "account";
        }
        return s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
    }

    private static SeedScript demo(String account, String name, Instant now) {
        SplittableRandom rnd = new SplittableRandom(seed(account + "/" + name));
        return switch (name) {
            case CHECKOUT_API -> checkoutApi(account, name, now, rnd);
            case LEGACY_CRON -> legacyCron(account, name, now, rnd);
            case POOL_MANAGER -> poolManager(account, name, now, rnd);
            default -> ordinary(account, name, now, rnd, 2 + rnd.nextInt(5));
        };
    }

    private static SeedScript generated(String account, String name, Instant now) {
        return ordinary(account, name, now, new SplittableRandom(seed(account + "/" + name)), 2);
    }

    /**
     * Version 1 deployed weeks ago, the rest at increasing times within the last 7 days (ending at
     * least 2 hours ago, so no Worker but checkout-api has a fresh deploy); now and then the newest
     * version rolls out gradually (25 % for a while, then 100 %), or a bad version is rolled back.
     */
    private static SeedScript ordinary(String account, String name, Instant now, SplittableRandom rnd, int versions) {
        Builder b = new Builder(account, name, now.minus(Duration.ofDays(10 + rnd.nextInt(120))), rnd);
        b.version(b.createdOn, null);
        b.deploy(b.createdOn.plusSeconds(60 + rnd.nextInt(240)), List.of(new Share(b.last().id(), 100)), null);
        long span = WEEK.minusHours(3).toSeconds();
        List<Long> offsets = new ArrayList<>();
        for (int i = 1; i < versions; i++) {
            offsets.add((long) rnd.nextInt((int) span));
        }
        offsets.sort(null);
        for (int i = 0; i < offsets.size(); i++) {
            Instant t = now.minus(WEEK).plusSeconds(offsets.get(i));
            boolean newest = i == offsets.size() - 1;
            String message = MESSAGES.get(rnd.nextInt(MESSAGES.size()));
            VersionRecord previous = b.last();
            b.version(t, message);
            Instant deployAt = t.plusSeconds(30 + rnd.nextInt(600));
            int roll = rnd.nextInt(10);
            if (newest && roll == 0 && deployAt.isBefore(now.minus(Duration.ofHours(6)))) {
                // A gradual rollout that finished.
                b.deploy(deployAt, List.of(new Share(b.last().id(), 25), new Share(previous.id(), 75)),
                        "Canary " + message.toLowerCase(Locale.ROOT));
                b.deploy(deployAt.plus(Duration.ofHours(1 + rnd.nextInt(4))), List.of(new Share(b.last().id(), 100)),
                        "Promote to 100%");
            } else if (newest && roll == 1 && deployAt.isBefore(now.minus(Duration.ofHours(6)))) {
                // A version that went out and was rolled back within the hour.
                b.deploy(deployAt, List.of(new Share(b.last().id(), 100)), message);
                b.deploy(deployAt.plus(Duration.ofMinutes(10 + rnd.nextInt(45))), List.of(new Share(previous.id(), 100)),
                        "Rollback: errors after deploy", "rollback");
            } else {
                b.deploy(deployAt, List.of(new Share(b.last().id(), 100)), message);
            }
        }
        return b.build();
    }

    /** Two ordinary versions, then the regressing one deployed ~3 h ago. */
    private static SeedScript checkoutApi(String account, String name, Instant now, SplittableRandom rnd) {
        Builder b = new Builder(account, name, now.minus(Duration.ofDays(94)), rnd);
        b.version(b.createdOn, null);
        b.deploy(b.createdOn.plusSeconds(120), List.of(new Share(b.last().id(), 100)), null);
        Instant v2 = now.minus(Duration.ofDays(4)).minus(Duration.ofMinutes(137));
        b.version(v2, "Add tax breakdown to quotes");
        b.deploy(v2.plusSeconds(95), List.of(new Share(b.last().id(), 100)), "Add tax breakdown to quotes");
        Instant v3 = now.minus(Duration.ofHours(3)).minus(Duration.ofMinutes(4));
        b.version(v3, REGRESSION_MESSAGE, Map.of(CPU_REGRESSION_KEY, "3.0"), "priya.raman@acme.example");
        b.deploy(now.minus(Duration.ofHours(3)), List.of(new Share(b.last().id(), 100)), REGRESSION_MESSAGE);
        return b.build();
    }

    /** A cron Worker nobody has touched for days (the simulator makes it go quiet). */
    private static SeedScript legacyCron(String account, String name, Instant now, SplittableRandom rnd) {
        Builder b = new Builder(account, name, now.minus(Duration.ofDays(412)), rnd);
        b.handlers = List.of("scheduled");
        b.version(b.createdOn, null);
        b.deploy(b.createdOn.plusSeconds(300), List.of(new Share(b.last().id(), 100)), null);
        Instant v2 = now.minus(Duration.ofDays(6)).minus(Duration.ofHours(5));
        b.version(v2, "Pin cron to 02:00 UTC");
        b.deploy(v2.plusSeconds(200), List.of(new Share(b.last().id(), 100)), "Pin cron to 02:00 UTC");
        return b.build();
    }

    /**
     * The seed's pool Worker: a REST front (fetch), the PoolManager's alarm, and the two Durable Object classes its
     * first upload's migration created (SQLite-backed, as the seed's PoolManager keeps its state in SQLite).
     */
    private static SeedScript poolManager(String account, String name, Instant now, SplittableRandom rnd) {
        Builder b = new Builder(account, name, now.minus(Duration.ofDays(21)), rnd);
        b.handlers = List.of("fetch", "alarm");
        b.extraMetadata.put("bindings", List.of(
                Map.of("name", "POOL_MANAGER", "type", "durable_object_namespace", "class_name", "PoolManager"),
                Map.of("name", "POOL_CONTAINER", "type", "durable_object_namespace", "class_name", POOL_CONTAINER_CLASS),
                Map.of("name", "POOL_TARGET_INSTANCES", "type", "plain_text", "text", "3"),
                Map.of("name", "POOL_BATCH_SIZE", "type", "plain_text", "text", "2"),
                Map.of("name", "POOL_BATCH_SPACING_IN_SECONDS", "type", "plain_text", "text", "2")));
        b.extraMetadata.put("containers", List.of(Map.of("class_name", POOL_CONTAINER_CLASS)));
        b.extraMetadata.put("migrations", Map.of("new_tag", "v1",
                "new_sqlite_classes", List.of("PoolManager", POOL_CONTAINER_CLASS)));
        b.version(b.createdOn, "Container pool with PoolManager and PoolContainer");
        b.deploy(b.createdOn.plusSeconds(90), List.of(new Share(b.last().id(), 100)), null);
        b.extraMetadata.remove("migrations"); // a later upload carries no new migration
        Instant v2 = now.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(41));
        b.version(v2, "Clean up orphaned containers in the alarm");
        b.deploy(v2.plusSeconds(75), List.of(new Share(b.last().id(), 100)), "Clean up orphaned containers in the alarm");
        return b.build();
    }

    private static long seed(String s) {
        return Long.parseUnsignedLong(Ids.seeded("demo-worker/" + s).substring(0, 15), 16);
    }

    /** A UUID-shaped id (as the versions and deployments APIs use) derived from a seed. */
    static String seededUuid(String seed) {
        String h = Ids.seeded(seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
                + "89ab".charAt(Character.digit(h.charAt(16), 16) & 3) + h.substring(17, 20) + "-" + h.substring(20, 32);
    }

    private static final class Builder {
        final String account;
        final String name;
        final Instant createdOn;
        final SplittableRandom rnd;
        final String owner;
        final List<NewVersion> versions = new ArrayList<>();
        final List<DeploymentRecord> deployments = new ArrayList<>();
        /** Metadata of the next versions beyond the defaults (bindings replace the default ones). */
        final Map<String, Object> extraMetadata = new LinkedHashMap<>();
        List<String> handlers;

        Builder(String account, String name, Instant createdOn, SplittableRandom rnd) {
            this.account = account;
            this.name = name;
            this.createdOn = createdOn;
            this.rnd = rnd;
            this.owner = AUTHORS.get(rnd.nextInt(AUTHORS.size()));
            this.handlers = name.contains("cron") || name.contains("warmer") || name.contains("sync")
                    ? List.of("fetch", "scheduled") : List.of("fetch");
        }

        VersionRecord last() {
            return versions.get(versions.size() - 1).version();
        }

        void version(Instant at, String message) {
            version(at, message, Map.of(), rnd.nextInt(3) == 0 ? owner : AUTHORS.get(rnd.nextInt(AUTHORS.size())));
        }

        void version(Instant at, String message, Map<String, String> extra, String author) {
            int number = versions.size() + 1;
            Map<String, String> annotations = new LinkedHashMap<>();
            if (message != null) {
                annotations.put("workers/message", message);
            }
            if (rnd.nextInt(3) == 0) {
                annotations.put("workers/tag", "v1." + number + "." + rnd.nextInt(10));
            }
            annotations.put("workers/triggered_by", "upload");
            annotations.putAll(extra);
            String source = author.startsWith("ci-bot") ? "api" : SOURCES.get(rnd.nextInt(SOURCES.size()));
            List<ModuleRecord> modules = List.of(new ModuleRecord("index.js", "application/javascript+module",
                    body(number).getBytes(StandardCharsets.UTF_8)));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("main_module", "index.js");
            metadata.put("compatibility_date", number == 1 ? "2024-03-04" : "2025-0" + (1 + number % 9) + "-15");
            metadata.put("compatibility_flags", number % 2 == 0 ? List.of("nodejs_compat") : List.of());
            metadata.put("bindings", List.of(Map.of("name", "ENVIRONMENT", "type", "plain_text", "text", "production")));
            metadata.putAll(extraMetadata);
            VersionRecord v = new VersionRecord(seededUuid("version/" + account + "/" + name + "/" + number), account,
                    name, number, at, author, Ids.seeded("user/" + author), source, annotations, metadata, handlers,
                    WorkerRoutes.etag(modules, metadata));
            versions.add(new NewVersion(v, modules));
        }

        void deploy(Instant at, List<Share> shares, String message) {
            deploy(at, shares, message, "upload");
        }

        void deploy(Instant at, List<Share> shares, String message, String trigger) {
            int n = deployments.size() + 1;
            Map<String, String> annotations = new LinkedHashMap<>();
            if (message != null) {
                annotations.put("workers/message", message.length() > 50 ? message.substring(0, 50) : message);
            }
            annotations.put("workers/triggered_by", shares.size() > 1 ? "promotion" : trigger);
            VersionRecord v = last();
            deployments.add(new DeploymentRecord(seededUuid("deployment/" + account + "/" + name + "/" + n), account, name,
                    at, v.source(), v.authorEmail(), annotations, shares));
        }

        private String body(int number) {
            StringBuilder s = new StringBuilder("// ").append(name).append(" v").append(number).append('\n');
            if (extraMetadata.containsKey("containers")) {
                s.append("import { Container } from \"@cloudflare/containers\";\n");
            }
            s.append("export default {\n");
            if (handlers.contains("fetch")) {
                s.append("  async fetch(request, env, ctx) {\n")
                        .append("    return new Response(\"").append(name).append(" v").append(number).append("\");\n")
                        .append("  },\n");
            }
            if (handlers.contains("alarm")) {
                s.append("  async alarm() {\n")
                        .append("    // the PoolManager tops the pool up here\n")
                        .append("  },\n");
            }
            if (handlers.contains("scheduled")) {
                s.append("  async scheduled(controller, env, ctx) {\n")
                        .append("    console.log(\"").append(name).append(" tick\", controller.cron);\n")
                        .append("  },\n");
            }
            s.append("};\n");
            if (extraMetadata.containsKey("containers")) {
                s.append("export class PoolManager {}\n")
                        .append("export class ").append(POOL_CONTAINER_CLASS).append(" extends Container {}\n");
            }
            return s.toString();
        }

        SeedScript build() {
            ScriptRecord script = new ScriptRecord(account, name, Ids.seeded("script-tag/" + account + "/" + name),
                    createdOn, "standard", false, Map.of("tags", List.of()), true, true,
                    // "wrangler": a "dash" or "api" value makes wrangler deploy warn, prompt or download the remote config.
                    "wrangler");
            return new SeedScript(script, versions, deployments);
        }
    }
}
