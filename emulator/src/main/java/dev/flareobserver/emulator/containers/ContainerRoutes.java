package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.registry.Registry;
import dev.flareobserver.emulator.registry.RegistryCredentialStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code /accounts/{account_id}/containers/...} as containers.md describes it: applications, instances (v1 and v2),
 * exec, fetch, rollouts, versions, registries and registry credentials; wrangler's {@code /me} and
 * {@code /dash/applications} (what {@code wrangler containers list} reads); and, emulator-specific, the container
 * pool of an application under {@code .../applications/{id}/pool}.
 * <p>
 * Error codes are unconfirmed (the reference has none for containers): 404 uses 1404-style "not found" wording with
 * code 1000-range {@link #NOT_FOUND}, bad input 400 with {@link #BAD_REQUEST}.
 */
final class ContainerRoutes {

    static final int BAD_REQUEST = 1400;
    static final int NOT_FOUND = 1404;
    static final int CONFLICT = 1409;
    private static final String BASE = "/accounts/{account_id}/containers";
    private static final String APPS = BASE + "/applications";
    private static final String APP = APPS + "/{application_id}";
    private static final String INSTANCE = APP + "/instances/{instance_id}";
    private static final Set<Integer> STEP_PERCENTAGES = Set.of(5, 10, 20, 25, 50, 100);
    private static final Set<String> FETCH_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ContainersService service;
    private final ContainerPools pools;
    private final AccountRoutes accounts;
    private final Registry registry;
    private final Consumer<String> firstUse;

    ContainerRoutes(ContainersService service, ContainerPools pools, AccountRoutes accounts, Registry registry,
                    Consumer<String> firstUse) {
        this.service = service;
        this.pools = pools;
        this.accounts = accounts;
        this.registry = registry;
        this.firstUse = firstUse;
    }

    void register(Router router) {
        router.get(APPS, this::listApplications);
        router.add("POST", APPS, this::createApplication);
        router.get(APP, c -> Envelope.success(service.view(app(c))));
        router.add("PATCH", APP, this::modifyApplication);
        router.add("DELETE", APP, this::deleteApplication);
        router.get(APP + "/instances", this::listInstancesV1);
        router.get(APP + "/instances-v2", this::listInstancesV2);
        router.add("POST", APP + "/instances", this::createInstance);
        router.get(INSTANCE, c -> Envelope.success(v1(instance(c).snapshot())));
        router.add("DELETE", INSTANCE, this::deleteInstance);
        router.add("POST", INSTANCE + "/exec", this::exec);
        router.add("POST", INSTANCE + "/fetch", this::fetch);
        router.get(APP + "/versions", c -> Envelope.success(service.versions(app(c))));
        router.get(APP + "/rollouts", this::listRollouts);
        router.add("POST", APP + "/rollouts", this::createRollout);
        router.get(APP + "/rollouts/{rollout_id}", c -> Envelope.success(rollout(c)));
        router.add("POST", APP + "/rollouts/{rollout_id}", this::rolloutAction);
        router.get(BASE + "/registries", c -> Envelope.success(service.store().registries(account(c))));
        router.add("POST", BASE + "/registries", this::createRegistry);
        router.add("DELETE", BASE + "/registries/{domain}", this::deleteRegistry);
        router.add("POST", BASE + "/registries/{domain}/credentials", this::credentials);
        router.get(BASE + "/me", this::me);
        router.get(BASE + "/dash/applications", this::dashApplications);
        router.get(BASE + "/dash/applications/{application_id}/instances", this::listInstancesV2);
        router.get(APP + "/pool", c -> Envelope.success(pools.state(app(c))));
        router.add("PUT", APP + "/pool", this::configurePool);
        router.add("POST", APP + "/pool/allocate", this::allocate);
        router.add("POST", APP + "/pool/release", this::release);
    }

    // ---- applications ----

    private Response listApplications(RequestContext call) {
        String account = account(call);
        String name = call.query("name");
        String image = call.query("image");
        String label = call.query("label");
        List<ObjectNode> apps = service.store().applications(account).stream()
                .filter(a -> name == null || name.equals(a.path("name").asText()))
                .filter(a -> image == null || image.equals(a.path("configuration").path("image").asText()))
                .filter(a -> label == null || hasLabel(a, label))
                .map(service::view).toList();
        return tokenPage(call, apps);
    }

    private static boolean hasLabel(JsonNode app, String label) {
        for (JsonNode l : app.path("configuration").path("labels")) {
            if (label.equals(l.path("name").asText() + "=" + l.path("value").asText())
                    || label.equals(l.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private Response createApplication(RequestContext call) {
        String account = account(call);
        ObjectNode body = body(call);
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw bad("name is required");
        }
        boolean durableObject = "durable_object".equals(body.path("scheduling_policy").asText());
        if (!durableObject && body.path("configuration").path("image").asText("").isBlank()) {
            throw bad("configuration.image is required");
        }
        validateConfiguration(body.path("configuration"));
        if (body.has("instances") && (!body.get("instances").canConvertToInt() || body.get("instances").asInt() < 0)) {
            throw bad("instances must be a whole number, 0 or more");
        }
        if (service.store().applications(account).stream().anyMatch(a -> a.path("name").asText().equals(name))) {
            throw new ApiException(409, CONFLICT, "An application named '" + name + "' already exists");
        }
        return Envelope.success(201, service.view(service.create(account, body)), null, List.of());
    }

    private static void validateConfiguration(JsonNode config) {
        String type = config.path("instance_type").asText(null);
        if (type != null && !InstanceTypes.isKnown(type)) {
            throw bad("configuration.instance_type must be lite, basic, standard-1, standard-2, standard-3 or"
                    + " standard-4; was '" + type + "'");
        }
        for (JsonNode e : config.path("environment_variables")) {
            if (e.path("name").asText("").isBlank()) {
                throw bad("configuration.environment_variables[].name is required");
            }
        }
    }

    private Response modifyApplication(RequestContext call) {
        ObjectNode app = app(call);
        ObjectNode patch = body(call);
        validateConfiguration(patch.path("configuration"));
        return Envelope.success(service.view(service.modify(app, patch)));
    }

    private Response deleteApplication(RequestContext call) {
        ObjectNode app = app(call);
        pools.remove(app.get("id").asText());
        service.delete(app);
        return Envelope.success(Map.of());
    }

    private Response dashApplications(RequestContext call) {
        String account = account(call);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ObjectNode a : service.store().applications(account)) {
            ObjectNode view = service.view(a);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", a.path("id").asText());
            item.put("name", a.path("name").asText());
            item.put("image", a.path("configuration").path("image").asText(null));
            item.put("version", a.path("version").asInt());
            item.put("instances", view.path("health").path("instances").path("active").asInt());
            item.put("created_at", a.path("created_at").asText());
            item.put("updated_at", a.path("updated_at").asText());
            item.put("health", view.get("health"));
            out.add(item);
        }
        return tokenPage(call, out);
    }

    private Response me(RequestContext call) {
        String account = account(call);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("external_account_id", account);
        me.put("limits", Map.of("vcpu_per_deployment", 4, "memory_mib_per_deployment", 12288,
                "disk_mb_per_deployment", 20000, "total_vcpu", 1000, "total_memory_mib", 4_000_000,
                "total_disk_mb", 8_000_000));
        me.put("locations", Location.ALL.stream().map(l -> Map.of("location", l.name(), "region", l.region())).toList());
        me.put("defaults", Map.of("vcpus", 0.0625, "memory_mib", 256, "disk_mb", 2000));
        return Envelope.success(me);
    }

    // ---- instances ----

    private Response listInstancesV1(RequestContext call) {
        ObjectNode app = app(call);
        List<Map<String, Object>> all = service.supervisor().ofApplication(app.get("id").asText()).stream()
                .map(i -> v1(i.snapshot())).toList();
        Page<Map<String, Object>> page = page(call, all, 100);
        return Envelope.success(200, Map.of("instances", page.items()), page.info(), List.of());
    }

    private Response listInstancesV2(RequestContext call) {
        ObjectNode app = app(call);
        String prefix = call.query("name_prefix");
        String state = call.query("state");
        if (state != null && !state.equals("active") && !state.equals("not-active")) {
            throw bad("state must be 'active' or 'not-active'");
        }
        List<Map<String, Object>> all = service.supervisor().ofApplication(app.get("id").asText()).stream()
                .map(Instance::snapshot)
                .filter(s -> prefix == null || s.name().startsWith(prefix))
                .filter(s -> state == null || s.state().isActive() == state.equals("active"))
                .map(ContainerRoutes::v2).toList();
        return tokenPage(call, all);
    }

    private Response createInstance(RequestContext call) {
        ObjectNode app = app(call);
        ObjectNode body = body(call);
        String name = body.path("name").asText("");
        if (name.isBlank()) {
            throw bad("name is required");
        }
        if (!app.has("configuration")) {
            throw bad("the application has no configuration to start an instance from");
        }
        Map<String, String> env = new LinkedHashMap<>();
        body.path("environment_variables").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        List<String> entrypoint = body.has("entrypoint") ? ContainersService.strings(body.get("entrypoint")) : null;
        Instance i = service.start(app, app.path("version").asInt(1), app.get("configuration"), name, entrypoint, env);
        return Envelope.success(201, v1(i.snapshot()), null, List.of());
    }

    private Response deleteInstance(RequestContext call) {
        Instance i = instance(call);
        service.supervisor().remove(i);
        return Envelope.success(Map.of());
    }

    private Response exec(RequestContext call) {
        Instance i = instance(call);
        ObjectNode body = body(call);
        List<String> command = ContainersService.strings(body.path("command"));
        if (command.isEmpty()) {
            throw bad("command is required (a non-empty array)");
        }
        requireRunning(i);
        Map<String, String> env = new LinkedHashMap<>();
        body.path("environment_variables").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        byte[] stdin = body.has("stdin") ? decodeBase64("stdin", body.get("stdin").asText()) : null;
        try {
            InstanceSupervisor.ExecResult r = service.supervisor().exec(i, command, body.path("cwd").asText(null), env,
                    stdin, Duration.ofSeconds(30));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("exit_code", r.exitCode());
            out.put("stdout", Base64.getEncoder().encodeToString(r.stdout()));
            out.put("stderr", Base64.getEncoder().encodeToString(r.stderr()));
            return Envelope.success(out);
        } catch (IOException e) {
            throw bad("could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, ApiError.INTERNAL_ERROR, "interrupted");
        }
    }

    private Response fetch(RequestContext call) {
        Instance i = instance(call);
        ObjectNode body = body(call);
        String url = body.path("url").asText("");
        if (url.isBlank()) {
            throw bad("url is required (a path such as /health)");
        }
        String method = body.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!FETCH_METHODS.contains(method)) {
            throw bad("method must be one of " + FETCH_METHODS);
        }
        requireRunning(i);
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("headers").fields().forEachRemaining(f -> headers.put(f.getKey(), f.getValue().asText()));
        byte[] requestBody = body.has("body") ? body.get("body").asText().getBytes(StandardCharsets.UTF_8) : null;
        try {
            InstanceSupervisor.FetchResult r = service.supervisor().fetch(i, url, method, headers, requestBody);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", r.status());
            out.put("headers", r.headers());
            // Sent as text: the reference does not say how Cloudflare encodes the body (unconfirmed).
            out.put("body", new String(r.body(), StandardCharsets.UTF_8));
            return Envelope.success(out);
        } catch (IOException e) {
            throw new ApiException(502, ApiError.INTERNAL_ERROR, "the instance did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, ApiError.INTERNAL_ERROR, "interrupted");
        }
    }

    private static void requireRunning(Instance i) {
        InstanceState s = i.state();
        if (s != InstanceState.RUNNING && s != InstanceState.UNHEALTHY) {
            throw new ApiException(409, CONFLICT, "instance " + i.id + " is " + s.wire() + ", not running");
        }
    }

    static Map<String, Object> v1(Instance.Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("application_id", s.applicationId());
        out.put("name", s.name());
        out.put("created_at", s.createdAt().toString());
        out.put("deployment_id", s.id());
        out.put("placement_id", s.id());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", s.state().v1(s.exitCode()));
        status.put("last_change", s.updatedAt().toEpochMilli());
        if (s.exitCode() != null) {
            status.put("exit_code", s.exitCode());
        }
        out.put("status", status);
        return out;
    }

    static Map<String, Object> v2(Instance.Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("application_id", s.applicationId());
        out.put("image", s.image());
        out.put("name", s.name());
        if (s.startedAt() != null) {
            out.put("started_at", s.startedAt().toString());
        }
        out.put("configuration", Map.of("vcpu", s.vcpu(), "memory", s.memoryMib(), "disk", s.diskMb()));
        out.put("location", Map.of("name", s.location().name(), "region", s.location().region()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", s.state().wire());
        status.put("updated_at", s.updatedAt().toString());
        if (s.exitCode() != null) {
            status.put("exit_code", s.exitCode());
        }
        out.put("status", status);
        // Emulator extras (not in the reference): the version the instance runs, why it failed, why the emulator
        // stopped it (e.g. its maximum run time).
        out.put("version", s.version());
        if (s.failure() != null) {
            out.put("failure", s.failure());
        }
        if (s.stopReason() != null) {
            out.put("stop_reason", s.stopReason());
        }
        return out;
    }

    // ---- rollouts ----

    private Response createRollout(RequestContext call) {
        ObjectNode app = app(call);
        ObjectNode body = body(call);
        if (body.path("description").asText("").isBlank()) {
            throw bad("description is required");
        }
        if (body.path("strategy").asText("").isBlank()) {
            throw bad("strategy is required (rolling)");
        }
        if (!body.path("target_configuration").isObject()) {
            throw bad("target_configuration is required");
        }
        validateConfiguration(body.get("target_configuration"));
        if ("durable_object".equals(app.path("scheduling_policy").asText())) {
            throw bad("rollouts do not apply to Durable-Object-managed applications");
        }
        List<Integer> cumulative = new ArrayList<>();
        if (body.has("step_percentage") && body.has("steps")) {
            throw bad("give step_percentage or steps, not both");
        }
        if (body.has("steps")) {
            int sum = 0;
            for (JsonNode s : body.get("steps")) {
                int p = s.path("step_size").path("percentage").asInt(-1);
                if (p < 10 || p > 100) {
                    throw bad("steps[].step_size.percentage must be between 10 and 100");
                }
                sum = Math.min(100, sum + p);
                cumulative.add(sum);
            }
        } else {
            int p = body.path("step_percentage").asInt(100);
            if (!STEP_PERCENTAGES.contains(p)) {
                throw bad("step_percentage must be one of 5, 10, 20, 25, 50, 100");
            }
            for (int c = p; c < 100 + p; c += p) {
                cumulative.add(Math.min(100, c));
            }
        }
        if (cumulative.isEmpty() || cumulative.get(cumulative.size() - 1) < 100) {
            cumulative.add(100);
        }
        return Envelope.success(201, service.createRollout(app, body, cumulative), null, List.of());
    }

    private Response listRollouts(RequestContext call) {
        ObjectNode app = app(call);
        String id = app.get("id").asText();
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : service.store().rollouts(id)) {
            out.add(service.activeRollout(id).filter(run -> run.id().equals(r.path("id").asText()))
                    .map(RolloutRun::document).orElse(r));
        }
        return Envelope.success(out);
    }

    private ObjectNode rollout(RequestContext call) {
        ObjectNode app = app(call);
        String id = app.get("id").asText();
        String rolloutId = call.pathParam("rollout_id");
        return service.activeRollout(id).filter(run -> run.id().equals(rolloutId)).map(RolloutRun::document)
                .or(() -> service.store().rollouts(id).stream().filter(r -> r.path("id").asText().equals(rolloutId))
                        .findFirst())
                .orElseThrow(() -> notFound("rollout " + rolloutId));
    }

    private Response rolloutAction(RequestContext call) {
        ObjectNode current = rollout(call);
        String action = body(call).path("action").asText("");
        if (!Set.of("next", "previous", "revert").contains(action)) {
            throw bad("action must be next, previous or revert");
        }
        RolloutRun run = service.activeRollout(current.path("id").asText().isEmpty() ? ""
                : app(call).get("id").asText()).filter(r -> r.id().equals(current.path("id").asText()))
                .orElseThrow(() -> new ApiException(409, CONFLICT, "rollout " + current.path("id").asText()
                        + " is " + current.path("status").asText() + "; only a rollout in progress takes actions"));
        if (!run.act(action)) {
            throw new ApiException(409, CONFLICT, "the rollout has finished");
        }
        return Envelope.success(run.document());
    }

    // ---- registries ----

    private Response createRegistry(RequestContext call) {
        String account = account(call);
        ObjectNode body = body(call);
        String domain = body.path("domain").asText("");
        if (domain.isBlank() || domain.contains("/")) {
            throw bad("domain is required (a host name such as docker.io)");
        }
        ObjectNode registryDoc = Json.MAPPER.createObjectNode();
        registryDoc.put("domain", domain);
        registryDoc.put("created_at", service.clock().instant().toString());
        if (body.has("kind")) {
            registryDoc.set("kind", body.get("kind"));
        }
        if (body.has("is_public")) {
            registryDoc.set("is_public", body.get("is_public"));
        }
        if (!service.store().addRegistry(account, registryDoc)) {
            throw new ApiException(409, CONFLICT, "registry " + domain + " is already configured");
        }
        return Envelope.success(201, registryDoc, null, List.of());
    }

    private Response deleteRegistry(RequestContext call) {
        String account = account(call);
        String domain = call.pathParam("domain");
        if (!service.store().deleteRegistry(account, domain)) {
            throw notFound("registry " + domain);
        }
        return Envelope.success(Map.of());
    }

    /**
     * Issues push/pull credentials for the emulator's own registry (asked for by its address or as
     * {@code registry.cloudflare.com}); {@code registry_host} says where to push.
     */
    private Response credentials(RequestContext call) {
        String account = account(call);
        String domain = call.pathParam("domain");
        if (!registry.serves(domain)) {
            throw notFound("registry " + domain + " (this emulator issues credentials for " + Registry.MANAGED_HOST
                    + " and " + registry.host() + ")");
        }
        ObjectNode body = body(call);
        int minutes = body.path("expiration_minutes").asInt(0);
        if (minutes < 1 || minutes > 24 * 60) {
            throw bad("expiration_minutes must be between 1 and 1440");
        }
        Set<String> permissions = new HashSet<>();
        for (JsonNode p : body.path("permissions")) {
            if (!Set.of("pull", "push", "list").contains(p.asText())) {
                throw bad("permissions must be pull, push or list; was '" + p.asText() + "'");
            }
            permissions.add(p.asText());
        }
        if (permissions.isEmpty()) {
            throw bad("permissions is required (pull, push, list)");
        }
        RegistryCredentialStore.Issued issued = registry.credentials().issue(account, Duration.ofMinutes(minutes),
                permissions);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_id", account);
        out.put("registry_host", registry.host());
        out.put("username", RegistryCredentialStore.USERNAME);
        out.put("password", issued.password());
        return Envelope.success(out);
    }

    // ---- pools ----

    private Response configurePool(RequestContext call) {
        ObjectNode app = app(call);
        ObjectNode body = body(call);
        for (String f : List.of("target_instances", "batch_size", "batch_spacing_seconds", "max_lifetime_seconds")) {
            if (body.has(f) && (!body.get(f).canConvertToInt() || body.get(f).asInt() < 0)) {
                throw bad(f + " must be a whole number, 0 or more");
            }
        }
        if (body.path("target_instances").asInt(0) > 100) {
            throw bad("target_instances is at most 100 in the emulator");
        }
        return Envelope.success(pools.configure(app, body));
    }

    private Response allocate(RequestContext call) {
        ObjectNode app = app(call);
        ObjectNode body = call.body().length == 0 ? Json.MAPPER.createObjectNode() : body(call);
        Integer lifetime = body.has("max_lifetime_in_seconds") ? body.get("max_lifetime_in_seconds").asInt() : null;
        return Envelope.success(pools.allocate(app, body.path("location").asText(null), lifetime));
    }

    private Response release(RequestContext call) {
        ObjectNode app = app(call);
        String id = body(call).path("id").asText("");
        if (!pools.release(app, id)) {
            throw notFound("pool instance " + id);
        }
        return Envelope.success(Map.of("id", id));
    }

    // ---- plumbing ----

    private String account(RequestContext call) {
        String id = accounts.visibleAccount(call, call.pathParam("account_id")).id();
        firstUse.accept(id);
        return id;
    }

    private ObjectNode app(RequestContext call) {
        String account = account(call);
        String id = call.pathParam("application_id");
        return service.store().application(account, id).orElseThrow(() -> notFound("application " + id));
    }

    private Instance instance(RequestContext call) {
        ObjectNode app = app(call);
        String id = call.pathParam("instance_id");
        return service.supervisor().get(id).filter(i -> i.applicationId.equals(app.get("id").asText()))
                .orElseThrow(() -> notFound("instance " + id));
    }

    private static ObjectNode body(RequestContext call) {
        try {
            JsonNode node = Json.MAPPER.readTree(call.body());
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw bad("the body is not valid JSON: " + e.getMessage());
        }
        throw bad("the body must be a JSON object");
    }

    private static byte[] decodeBase64(String field, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw bad(field + " must be base64");
        }
    }

    private static ApiException bad(String message) {
        return new ApiException(400, BAD_REQUEST, message);
    }

    private static ApiException notFound(String what) {
        return new ApiException(404, NOT_FOUND, "Not found: " + what);
    }

    record Page<T>(List<T> items, Map<String, Object> info) {
    }

    /** Token paging ({@code per_page}, {@code page_token} → {@code next_page_token}); the token is an offset. */
    private static <T> Page<T> page(RequestContext call, List<T> all, int defaultPerPage) {
        int perPage;
        int offset = 0;
        try {
            perPage = call.query("per_page") == null ? defaultPerPage : Integer.parseInt(call.query("per_page"));
            String token = call.query("page_token");
            if (token != null && !token.isEmpty()) {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw bad("per_page must be a number and page_token one this API returned");
        }
        perPage = Math.max(1, Math.min(1000, perPage));
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + perPage);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("per_page", perPage);
        if (call.query("page_token") != null) {
            info.put("page_token", call.query("page_token"));
        }
        if (to < all.size()) {
            info.put("next_page_token", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return new Page<>(all.subList(from, to), info);
    }

    private static <T> Response tokenPage(RequestContext call, List<T> all) {
        Page<T> p = page(call, all, 100);
        return Envelope.success(200, p.items(), p.info(), List.of());
    }
}
