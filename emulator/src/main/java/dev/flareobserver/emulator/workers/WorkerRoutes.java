package dev.flareobserver.emulator.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.auth.Principal;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.Multipart;
import dev.flareobserver.emulator.http.Paging;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.user.UserStore;
import dev.flareobserver.emulator.workers.WorkerStore.DeploymentRecord;
import dev.flareobserver.emulator.workers.WorkerStore.ModuleRecord;
import dev.flareobserver.emulator.workers.WorkerStore.NewVersion;
import dev.flareobserver.emulator.workers.WorkerStore.ScriptRecord;
import dev.flareobserver.emulator.workers.WorkerStore.ScriptState;
import dev.flareobserver.emulator.workers.WorkerStore.Share;
import dev.flareobserver.emulator.workers.WorkerStore.VersionRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workers REST: scripts (list, get, upload, delete), settings and script-settings, versions,
 * deployments, the per-script workers.dev switch, the account subdomain, and the legacy
 * {@code /workers/services/{name}} read that {@code wrangler deploy} starts with.
 * <p>
 * Error codes: 10007 "not found" is what wrangler keys on ({@code WORKER_NOT_FOUND_ERR_CODE}, and
 * its subdomain prompt); 10090 is its legacy-environment twin for the services path. The other
 * codes and every status below are unconfirmed.
 */
public final class WorkerRoutes {

    static final int NOT_FOUND = 10007;
    static final int SERVICE_NOT_FOUND = 10090;
    static final int INVALID_SCRIPT_NAME = 10016;
    static final int VALIDATION = 10021;
    static final int BAD_BODY = 10026;
    static final int SUBDOMAIN_UNAVAILABLE = 10031;
    static final int SCRIPT_IN_USE = 10064;

    private static final Pattern SCRIPT_NAME = Pattern.compile("^[a-z0-9_][a-z0-9-_]{0,62}$");
    private static final Pattern SUBDOMAIN = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    /** Exported handlers as a module Worker writes them: {@code fetch(...)}, {@code async scheduled(...)}, {@code queue: ...}. */
    private static final Pattern HANDLER = Pattern.compile("\\b(fetch|scheduled|queue|email|tail|trace|alarm)\\s*(\\(|:)");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final String SCRIPTS = "/accounts/{account_id}/workers/scripts";
    private static final String SCRIPT = SCRIPTS + "/{script_name}";

    private final WorkerStore store;
    private final AccountRoutes accounts;
    private final UserStore users;
    private final Clock clock;

    public WorkerRoutes(WorkerStore store, AccountRoutes accounts, UserStore users, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.users = users;
        this.clock = clock;
    }

    public void register(Router router) {
        router.get(SCRIPTS, this::listScripts);
        router.get(SCRIPT, this::getScript);
        router.add("PUT", SCRIPT, this::putScript);
        router.add("DELETE", SCRIPT, this::deleteScript);
        router.get(SCRIPT + "/settings", this::getSettings);
        router.add("PATCH", SCRIPT + "/settings", this::patchSettings);
        router.get(SCRIPT + "/script-settings", this::getScriptSettings);
        router.add("PATCH", SCRIPT + "/script-settings", this::patchScriptSettings);
        router.get(SCRIPT + "/versions", this::listVersions);
        router.add("POST", SCRIPT + "/versions", this::postVersion);
        router.get(SCRIPT + "/versions/{version_id}", this::getVersion);
        router.get(SCRIPT + "/deployments", this::listDeployments);
        router.add("POST", SCRIPT + "/deployments", this::postDeployment);
        router.get(SCRIPT + "/deployments/{deployment_id}", this::getDeployment);
        router.get(SCRIPT + "/subdomain", this::getScriptSubdomain);
        router.add("POST", SCRIPT + "/subdomain", this::postScriptSubdomain);
        router.get("/accounts/{account_id}/workers/subdomain", this::getSubdomain);
        router.add("PUT", "/accounts/{account_id}/workers/subdomain", this::putSubdomain);
        router.get("/accounts/{account_id}/workers/services/{service_name}", this::getService);
        router.get("/accounts/{account_id}/workers/durable_objects/namespaces", this::listDurableObjectNamespaces);
    }

    // ---- Durable Objects ----

    /** The account's namespaces, page/per_page paginated (default 20, at most 1000 per page, as Cloudflare's clients use). */
    Response listDurableObjectNamespaces(RequestContext call) {
        String account = account(call);
        Paging.Slice<DurableObjectNamespaces.Namespace> page = Paging.PageRequest.from(call, 1, 1000, 20)
                .slice(new DurableObjectNamespaces(store).list(account));
        List<Map<String, Object>> out = page.items().stream().map(WorkerJson::namespace).toList();
        return Envelope.success(200, out, page.info(), List.of());
    }

    // ---- scripts ----

    Response listScripts(RequestContext call) {
        String account = account(call);
        List<Map<String, Object>> out = store.scripts(account).stream().map(WorkerJson::script).toList();
        return Envelope.success(out);
    }

    /** The deployed version's main module, as text (the reference: "return the stored script body"). */
    Response getScript(RequestContext call) {
        ScriptState s = script(call);
        VersionRecord v = s.currentVersion().orElseThrow(() -> notFound("This Worker has no versions"));
        String main = mainModule(v);
        ModuleRecord m = store.modules(v.id()).stream().filter(x -> x.name().equals(main)).findFirst()
                .orElseThrow(() -> notFound("This Worker has no main module"));
        return new Response(200, "application/javascript", Map.of("ETag", "\"" + v.etag() + "\""), m.content());
    }

    Response putScript(RequestContext call) {
        String account = account(call);
        String name = call.pathParam("script_name");
        checkName(name);
        Optional<ScriptState> existing = store.script(account, name);
        Instant now = now();
        NewVersion upload = readUpload(call, account, name, existing, now);
        DeploymentRecord deployment = new DeploymentRecord(newUuid(), account, name, now, source(call),
                upload.version().authorEmail(), uploadDeploymentAnnotations(upload.version()),
                List.of(new Share(upload.version().id(), 100)));
        VersionRecord stored = store.addVersion(existing.isPresent() ? null : newScript(account, name, now, call),
                upload, deployment, source(call));
        ScriptState after = store.script(account, name).orElseThrow();
        Map<String, Object> result = WorkerJson.script(after);
        result.put("startup_time_ms", startupTimeMs(stored));
        // Named deployment_id but wrangler reads it as the new version's id ("Current Version ID").
        result.put("deployment_id", stored.id());
        return Envelope.success(result);
    }

    Response deleteScript(RequestContext call) {
        String account = account(call);
        ScriptState s = script(call);
        boolean force = "true".equalsIgnoreCase(call.query("force"));
        if (!force) {
            List<String> dependents = store.scripts(account).stream()
                    .filter(other -> !other.script().name().equals(s.script().name()))
                    .filter(other -> other.currentVersion().map(v -> bindsTo(v, s.script().name())).orElse(false))
                    .map(other -> other.script().name())
                    .toList();
            if (!dependents.isEmpty()) {
                throw new ApiException(400, SCRIPT_IN_USE, "Cannot delete '" + s.script().name()
                        + "': it is used by service bindings of " + String.join(", ", dependents)
                        + ". Remove the bindings, or delete with ?force=true.");
            }
        }
        store.deleteScript(account, s.script().name());
        return Envelope.success(null);
    }

    // ---- settings ----

    Response getSettings(RequestContext call) {
        return Envelope.success(WorkerJson.settings(script(call)));
    }

    /**
     * Multipart with a {@code settings} JSON part (as the reference documents), or plain JSON.
     * Non-versioned keys update the script; versioned ones (bindings, compatibility...) create a
     * new version of the deployed code and deploy it, as Cloudflare does for settings edits.
     */
    Response patchSettings(RequestContext call) {
        ScriptState s = script(call);
        Map<String, Object> patch = settingsBody(call);
        applyScriptSettings(s.script(), patch);
        Set<String> versioned = Set.of("bindings", "compatibility_date", "compatibility_flags", "limits", "placement");
        if (patch.keySet().stream().anyMatch(versioned::contains)) {
            VersionRecord current = s.currentVersion().orElseThrow(() -> notFound("This Worker has no versions"));
            Map<String, Object> metadata = new LinkedHashMap<>(current.metadata());
            for (String key : versioned) {
                if (patch.containsKey(key)) {
                    metadata.put(key, patch.get(key));
                }
            }
            metadata.remove("annotations");
            Instant now = now();
            Map<String, String> annotations = Map.of("workers/triggered_by", "version_settings");
            List<ModuleRecord> modules = store.modules(current.id());
            VersionRecord v = new VersionRecord(newUuid(), current.accountId(), current.scriptName(), 0, now,
                    authorEmail(call.principal()), authorId(call.principal()), source(call), annotations, metadata,
                    current.handlers(), etag(modules, metadata));
            store.addVersion(null, new NewVersion(v, modules), new DeploymentRecord(newUuid(), v.accountId(),
                    v.scriptName(), now, source(call), v.authorEmail(), annotations, List.of(new Share(v.id(), 100))),
                    source(call));
        }
        return Envelope.success(WorkerJson.settings(store.script(s.script().accountId(), s.script().name()).orElseThrow()));
    }

    Response getScriptSettings(RequestContext call) {
        return Envelope.success(WorkerJson.scriptSettings(script(call)));
    }

    Response patchScriptSettings(RequestContext call) {
        ScriptState s = script(call);
        applyScriptSettings(s.script(), jsonBody(call));
        return Envelope.success(WorkerJson.scriptSettings(store.script(s.script().accountId(), s.script().name()).orElseThrow()));
    }

    private void applyScriptSettings(ScriptRecord s, Map<String, Object> patch) {
        Map<String, Object> settings = new LinkedHashMap<>(s.scriptSettings());
        for (String key : List.of("tail_consumers", "observability", "tags")) {
            if (patch.containsKey(key)) {
                settings.put(key, patch.get(key));
            }
        }
        boolean logpush = patch.get("logpush") instanceof Boolean b ? b : s.logpush();
        String usageModel = patch.get("usage_model") instanceof String u ? u : s.usageModel();
        store.updateScript(new ScriptRecord(s.accountId(), s.name(), s.tag(), s.createdOn(), usageModel, logpush,
                settings, s.workersDev(), s.previewsEnabled(), s.lastDeployedFrom()));
    }

    // ---- versions ----

    /** Newest first; {@code deployable=true} ignores pagination (as the OpenAPI parameter says). */
    Response listVersions(RequestContext call) {
        ScriptState s = script(call);
        List<Map<String, Object>> all = s.versions().stream()
                .sorted(Comparator.comparingInt(VersionRecord::number).reversed())
                .map(WorkerJson::versionShort)
                .toList();
        Paging.Slice<Map<String, Object>> slice = "true".equalsIgnoreCase(call.query("deployable"))
                ? new Paging.PageRequest(1, Math.max(1, all.size())).slice(all)
                // Default page size unconfirmed.
                : Paging.PageRequest.from(call, 1, 100, 10).slice(all);
        return Envelope.success(200, Map.of("items", slice.items()), slice.info(), List.of());
    }

    Response getVersion(RequestContext call) {
        ScriptState s = script(call);
        String id = call.pathParam("version_id");
        VersionRecord v = s.version(id).orElseThrow(() -> notFound("Version " + id + " not found for Worker "
                + s.script().name()));
        return Envelope.success(WorkerJson.versionFull(v, s.script().lastDeployedFrom()));
    }

    /** {@code wrangler versions upload} and the first half of {@code wrangler deploy} for an existing Worker. */
    Response postVersion(RequestContext call) {
        String account = account(call);
        String name = call.pathParam("script_name");
        checkName(name);
        Optional<ScriptState> existing = store.script(account, name);
        Instant now = now();
        NewVersion upload = readUpload(call, account, name, existing, now);
        // Unconfirmed: uploading a version of a Worker that does not exist yet creates it, undeployed.
        VersionRecord stored = store.addVersion(existing.isPresent() ? null : newScript(account, name, now, call),
                upload, null, null);
        Map<String, Object> result = WorkerJson.versionFull(stored, store.script(account, name).orElseThrow()
                .script().lastDeployedFrom());
        result.put("startup_time_ms", startupTimeMs(stored));
        return Envelope.success(result);
    }

    // ---- deployments ----

    /** Newest first: wrangler takes {@code deployments[0]} as the deployment in force. */
    Response listDeployments(RequestContext call) {
        ScriptState s = script(call);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = s.deployments().size() - 1; i >= 0; i--) {
            out.add(WorkerJson.deployment(s.deployments().get(i)));
        }
        return Envelope.success(Map.of("deployments", out));
    }

    Response getDeployment(RequestContext call) {
        ScriptState s = script(call);
        String id = call.pathParam("deployment_id");
        return Envelope.success(WorkerJson.deployment(s.deployments().stream()
                .filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> notFound("Deployment " + id + " not found for Worker " + s.script().name()))));
    }

    /**
     * {@code {strategy: "percentage", versions: [{version_id, percentage}], annotations?}}. At most two
     * versions (Cloudflare's gradual deployments), each 0.01..100, together exactly 100. {@code ?force}
     * (wrangler's rollback sends it) is accepted and has nothing to override here.
     */
    Response postDeployment(RequestContext call) {
        ScriptState s = script(call);
        Map<String, Object> body = jsonBody(call);
        if (!"percentage".equals(body.get("strategy"))) {
            throw invalid("strategy must be \"percentage\"");
        }
        if (!(body.get("versions") instanceof List<?> list) || list.isEmpty()) {
            throw invalid("versions must be a non-empty array of {version_id, percentage}");
        }
        if (list.size() > 2) {
            throw invalid("a deployment can split traffic between at most 2 versions, got " + list.size());
        }
        List<Share> shares = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("version_id") instanceof String id)
                    || !(m.get("percentage") instanceof Number p)) {
                throw invalid("each entry of versions needs a version_id (string) and a percentage (number)");
            }
            if (s.version(id).isEmpty()) {
                throw invalid("version " + id + " does not exist for Worker " + s.script().name());
            }
            if (!seen.add(id)) {
                throw invalid("version " + id + " is listed twice");
            }
            double pct = p.doubleValue();
            if (pct < 0.01 || pct > 100) {
                throw invalid("percentage of version " + id + " must be between 0.01 and 100, got " + p);
            }
            total += pct;
            shares.add(new Share(id, pct));
        }
        if (Math.abs(total - 100) > 1e-6) {
            throw invalid("version percentages must add up to 100, got " + stripZeros(total));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (body.get("annotations") instanceof Map<?, ?> a && a.get("workers/message") instanceof String message
                && !message.isBlank()) {
            if (message.length() > 50) {
                throw invalid("annotations.workers/message must be at most 50 characters, got " + message.length());
            }
            annotations.put("workers/message", message);
        }
        annotations.put("workers/triggered_by", trigger(s, shares));
        DeploymentRecord d = new DeploymentRecord(newUuid(), s.script().accountId(), s.script().name(), now(),
                source(call), authorEmail(call.principal()), annotations, shares);
        store.addDeployment(d, source(call));
        return Envelope.success(WorkerJson.deployment(d));
    }

    /**
     * The deployment's {@code workers/triggered_by} (values unconfirmed beyond the ones wrangler names):
     * "rollback" when all traffic goes back to a version older than the one serving now, "upload"
     * when a version that was never deployed takes all traffic (wrangler deploy's second step),
     * otherwise "promotion" (a gradual split or its completion).
     */
    private static String trigger(ScriptState s, List<Share> shares) {
        if (shares.size() != 1) {
            return "promotion";
        }
        String id = shares.get(0).versionId();
        int number = s.version(id).map(VersionRecord::number).orElse(0);
        int current = s.currentVersion().map(VersionRecord::number).orElse(0);
        if (number < current) {
            return "rollback";
        }
        boolean deployedBefore = s.deployments().stream()
                .anyMatch(d -> d.versions().stream().anyMatch(v -> v.versionId().equals(id)));
        return deployedBefore ? "promotion" : "upload";
    }

    // ---- subdomains ----

    Response getScriptSubdomain(RequestContext call) {
        return Envelope.success(scriptSubdomain(script(call).script()));
    }

    /** Body {@code {enabled, previews_enabled?}} (what {@code wrangler deploy} sends after every upload). */
    Response postScriptSubdomain(RequestContext call) {
        ScriptRecord s = script(call).script();
        Map<String, Object> body = jsonBody(call);
        if (!(body.get("enabled") instanceof Boolean enabled)) {
            throw invalid("enabled must be a boolean");
        }
        boolean previews = body.get("previews_enabled") instanceof Boolean p ? p : s.previewsEnabled();
        store.updateScript(new ScriptRecord(s.accountId(), s.name(), s.tag(), s.createdOn(), s.usageModel(), s.logpush(),
                s.scriptSettings(), enabled, previews, s.lastDeployedFrom()));
        return Envelope.success(scriptSubdomain(store.script(s.accountId(), s.name()).orElseThrow().script()));
    }

    private static Map<String, Object> scriptSubdomain(ScriptRecord s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.workersDev());
        out.put("previews_enabled", s.previewsEnabled());
        return out;
    }

    /** {@code {subdomain}}, as wrangler reads it (the 2024 OpenAPI names only a typeless {@code name}). */
    Response getSubdomain(RequestContext call) {
        String account = account(call);
        String sub = store.subdomain(account).orElseThrow(() -> new ApiException(404, NOT_FOUND,
                "This account has no workers.dev subdomain yet"));
        return Envelope.success(Map.of("subdomain", sub));
    }

    Response putSubdomain(RequestContext call) {
        String account = account(call);
        Object raw = jsonBody(call).get("subdomain");
        if (!(raw instanceof String sub) || !SUBDOMAIN.matcher(sub).matches()) {
            throw invalid("subdomain must be 1-63 lower-case letters, digits or inner hyphens");
        }
        Optional<String> owner = store.subdomainOwner(sub);
        if (owner.isPresent() && !owner.get().equals(account)) {
            throw new ApiException(409, SUBDOMAIN_UNAVAILABLE, "The subdomain " + sub + " is unavailable");
        }
        store.putSubdomain(account, sub, false);
        return Envelope.success(Map.of("subdomain", sub));
    }

    // ---- legacy services read ----

    /**
     * {@code GET /workers/services/{name}}: wrangler reads {@code default_environment.script.tag},
     * {@code .tags} and {@code .last_deployed_from}. The shape is unconfirmed (not in the reference).
     */
    Response getService(RequestContext call) {
        String account = account(call);
        String name = call.pathParam("service_name");
        ScriptState s = store.script(account, name).orElseThrow(() -> new ApiException(404, SERVICE_NOT_FOUND,
                "This Worker does not exist on your account."));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("environment", "production");
        env.put("created_on", s.script().createdOn().toString());
        env.put("modified_on", s.modifiedOn().toString());
        env.put("script", WorkerJson.script(s));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", name);
        out.put("default_environment", env);
        out.put("created_on", s.script().createdOn().toString());
        out.put("modified_on", s.modifiedOn().toString());
        out.put("environments", List.of(env));
        return Envelope.success(out);
    }

    // ---- upload ----

    /**
     * Reads an upload: {@code multipart/form-data} with a {@code metadata} JSON part naming
     * {@code main_module} (ES modules) or {@code body_part} (service worker) plus one part per module;
     * or, as the older API allowed, a bare {@code application/javascript} service worker.
     */
    private NewVersion readUpload(RequestContext call, String account, String name, Optional<ScriptState> existing,
                                  Instant now) {
        String contentType = call.header("Content-Type");
        Map<String, Object> metadata;
        List<ModuleRecord> modules = new ArrayList<>();
        Optional<String> boundary = Multipart.boundary(contentType);
        if (boundary.isPresent()) {
            List<Multipart.Part> parts;
            try {
                parts = Multipart.parse(call.body(), boundary.get());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, BAD_BODY, "Could not parse the multipart upload: " + e.getMessage());
            }
            Multipart.Part meta = parts.stream().filter(p -> p.name().equals("metadata")).findFirst()
                    .orElseThrow(() -> new ApiException(400, VALIDATION,
                            "The upload has no 'metadata' part describing the Worker"));
            metadata = parseObject(meta.text(), "metadata");
            String main = metadata.get("main_module") instanceof String m ? m
                    : metadata.get("body_part") instanceof String b ? b : null;
            if (main == null) {
                throw new ApiException(400, VALIDATION, "metadata must name the entry point in main_module or body_part");
            }
            for (Multipart.Part p : parts) {
                if (p.name().equals("metadata")) {
                    continue;
                }
                String type = p.contentType() != null ? p.contentType()
                        : metadata.containsKey("main_module") ? "application/javascript+module" : "application/javascript";
                modules.add(new ModuleRecord(p.name(), type, p.body()));
            }
            if (modules.stream().noneMatch(m -> m.name().equals(main))) {
                throw new ApiException(400, VALIDATION, "No such module \"" + main + "\": the upload has no part named "
                        + "as metadata's " + (metadata.containsKey("main_module") ? "main_module" : "body_part"));
            }
        } else if (contentType != null && contentType.toLowerCase(Locale.ROOT).matches("(application|text)/javascript.*")) {
            metadata = new LinkedHashMap<>();
            metadata.put("body_part", "script");
            modules.add(new ModuleRecord("script", "application/javascript", call.body()));
        } else {
            throw new ApiException(400, BAD_BODY,
                    "Expected a multipart/form-data upload with a 'metadata' part, got " + contentType);
        }
        metadata.put("bindings", resolveBindings(metadata, existing.flatMap(ScriptState::currentVersion)));
        metadata.remove("keep_bindings");

        Map<String, String> annotations = new LinkedHashMap<>();
        if (metadata.get("annotations") instanceof Map<?, ?> a) {
            a.forEach((k, v) -> {
                if (v instanceof String str && !str.isEmpty()) {
                    annotations.put(String.valueOf(k), str);
                }
            });
        }
        annotations.put("workers/triggered_by", "upload");
        String main = metadata.get("main_module") instanceof String m ? m : (String) metadata.get("body_part");
        ModuleRecord mainModule = modules.stream().filter(m -> m.name().equals(main)).findFirst().orElseThrow();
        Principal who = call.principal();
        VersionRecord v = new VersionRecord(newUuid(), account, name, 0, now, authorEmail(who), authorId(who),
                source(call), annotations, metadata, handlers(mainModule), etag(modules, metadata));
        return new NewVersion(v, modules);
    }

    /**
     * Bindings of the new version: as uploaded, with {@code {type: "inherit"}} entries replaced by the
     * previous version's binding of that name, and previous bindings of the {@code keep_bindings}
     * types carried over unless redefined.
     */
    private static List<Object> resolveBindings(Map<String, Object> metadata, Optional<VersionRecord> previous) {
        List<Object> previousBindings = previous.map(WorkerRoutesSupport::rawBindings).orElse(List.of());
        Map<String, Object> byName = new LinkedHashMap<>();
        if (metadata.get("bindings") instanceof List<?> list) {
            for (Object b : list) {
                if (b instanceof Map<?, ?> m && m.get("name") instanceof String n) {
                    if ("inherit".equals(m.get("type"))) {
                        WorkerRoutesSupport.named(previousBindings, n).ifPresent(old -> byName.put(n, old));
                    } else {
                        byName.put(n, b);
                    }
                }
            }
        }
        if (metadata.get("keep_bindings") instanceof List<?> keep) {
            for (Object b : previousBindings) {
                if (b instanceof Map<?, ?> m && m.get("name") instanceof String n && keep.contains(m.get("type"))) {
                    byName.putIfAbsent(n, b);
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static String mainModule(VersionRecord v) {
        return v.metadata().get("main_module") instanceof String m ? m
                : v.metadata().get("body_part") instanceof String b ? b : "index.js";
    }

    private static List<String> handlers(ModuleRecord main) {
        String text = new String(main.content(), StandardCharsets.UTF_8);
        if (main.contentType().startsWith("application/javascript") && !main.contentType().contains("module")) {
            // A service worker registers listeners instead of exporting handlers.
            Set<String> out = new LinkedHashSet<>();
            Matcher m = Pattern.compile("addEventListener\\(\\s*['\"](fetch|scheduled)['\"]").matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out.isEmpty() ? List.of("fetch") : List.copyOf(out);
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = HANDLER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            out.add("fetch");
        }
        return out.stream().sorted().toList();
    }

    static String etag(List<ModuleRecord> modules, Map<String, Object> metadata) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ModuleRecord m : modules) {
                sha.update(m.name().getBytes(StandardCharsets.UTF_8));
                sha.update(m.content());
            }
            sha.update(WorkerStore.json(metadata.getOrDefault("bindings", List.of())).getBytes(StandardCharsets.UTF_8));
            return Ids.hex(sha.digest(), 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The deployment an upload creates: triggered by "upload", with the upload's message if any. */
    private static Map<String, String> uploadDeploymentAnnotations(VersionRecord v) {
        Map<String, String> out = new LinkedHashMap<>();
        String message = v.annotations().get("workers/message");
        if (message != null) {
            // The deployments schema caps the message at 50 characters; the version keeps it whole.
            out.put("workers/message", message.length() > 50 ? message.substring(0, 50) : message);
        }
        out.put("workers/triggered_by", "upload");
        return out;
    }

    /** Deterministic per version, 2..40 ms: shown by wrangler as "Worker Startup Time". */
    private static int startupTimeMs(VersionRecord v) {
        return 2 + Math.floorMod(v.etag().hashCode(), 39);
    }

    // ---- helpers ----

    private String account(RequestContext call) {
        return accounts.visibleAccount(call, call.pathParam("account_id")).id();
    }

    private ScriptState script(RequestContext call) {
        String account = account(call);
        String name = call.pathParam("script_name");
        return store.script(account, name).orElseThrow(() -> notFound("This Worker does not exist on your account."));
    }

    private ScriptRecord newScript(String account, String name, Instant now, RequestContext call) {
        return new ScriptRecord(account, name, Ids.seeded("script-tag/" + account + "/" + name + "/" + now),
                now, "standard", false, Map.of(), true, true, source(call));
    }

    private static void checkName(String name) {
        if (!SCRIPT_NAME.matcher(name).matches()) {
            throw new ApiException(400, INVALID_SCRIPT_NAME, "Invalid Worker name '" + name
                    + "': use 1-63 lower-case letters, digits, '-' or '_', not starting with '-'");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** "wrangler" for wrangler's requests (its User-Agent is {@code wrangler/4.x}), else "api". */
    private static String source(RequestContext call) {
        String ua = call.header("User-Agent");
        return ua != null && ua.toLowerCase(Locale.ROOT).startsWith("wrangler") ? "wrangler" : "api";
    }

    private String authorEmail(Principal p) {
        if (p.userId() != null) {
            Optional<UserStore.UserRecord> u = users.find(p.userId());
            if (u.isPresent()) {
                return u.get().email();
            }
        }
        // Unconfirmed: what Cloudflare records for an account-owned token (it has no user).
        return "account-token-" + (p.tokenId() == null ? "unknown" : p.tokenId().substring(0, Math.min(8, p.tokenId().length())))
                + "@" + p.accountId() + ".invalid";
    }

    private static String authorId(Principal p) {
        return p.userId() != null ? p.userId() : p.tokenId() != null ? p.tokenId() : "unknown";
    }

    private static Map<String, Object> jsonBody(RequestContext call) {
        String text = new String(call.body(), StandardCharsets.UTF_8);
        return parseObject(text.isBlank() ? "{}" : text, "request body");
    }

    private static Map<String, Object> settingsBody(RequestContext call) {
        Optional<String> boundary = Multipart.boundary(call.header("Content-Type"));
        if (boundary.isEmpty()) {
            return jsonBody(call);
        }
        try {
            return Multipart.parse(call.body(), boundary.get()).stream()
                    .filter(p -> p.name().equals("settings")).findFirst()
                    .map(p -> parseObject(p.text(), "settings"))
                    .orElseThrow(() -> new ApiException(400, VALIDATION, "The request has no 'settings' part"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, BAD_BODY, "Could not parse the multipart body: " + e.getMessage());
        }
    }

    private static Map<String, Object> parseObject(String text, String what) {
        try {
            Map<String, Object> m = Json.MAPPER.readValue(text, OBJECT);
            if (m == null) {
                throw new ApiException(400, BAD_BODY, "The " + what + " must be a JSON object");
            }
            return new LinkedHashMap<>(m);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, BAD_BODY, "The " + what + " is not a JSON object: " + e.getOriginalMessage());
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, VALIDATION, message);
    }

    private static ApiException notFound(String message) {
        return new ApiException(404, NOT_FOUND, message);
    }

    private static boolean bindsTo(VersionRecord v, String service) {
        return WorkerRoutesSupport.rawBindings(v).stream()
                .anyMatch(b -> b instanceof Map<?, ?> m && "service".equals(m.get("type")) && service.equals(m.get("service")));
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String newUuid() {
        return UUID.randomUUID().toString();
    }

    /** Small static helpers shared with the seeder. */
    static final class WorkerRoutesSupport {
        private WorkerRoutesSupport() {
        }

        static List<Object> rawBindings(VersionRecord v) {
            return v.metadata().get("bindings") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        }

        static Optional<Object> named(List<Object> bindings, String name) {
            return bindings.stream().filter(b -> b instanceof Map<?, ?> m && name.equals(m.get("name"))).findFirst();
        }
    }

}
