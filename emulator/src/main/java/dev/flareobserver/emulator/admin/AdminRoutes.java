package dev.flareobserver.emulator.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flareobserver.emulator.faults.FaultInjector;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.ResponseWriter;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.stats.RequestStats;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The emulator's own control plane under {@code /__emulator/} (a prefix Cloudflare does not use):
 * no auth, no rate limit, loopback callers only. Plain JSON, not the v4 envelope, so it is never
 * mistaken for Cloudflare's API.
 * <pre>
 * POST   /__emulator/faults        {method?, path, kind, status?, retry_after_seconds?, latency_ms?,
 *                                   errors?: [{code, message}], count?, duration_ms?}  -> 201 {id, rule}
 * GET    /__emulator/faults        -> {faults: [{id, rule, added_at, remaining}]}
 * DELETE /__emulator/faults        -> {cleared: n}
 * DELETE /__emulator/faults/{id}   -> {removed: id} | 404
 * GET    /__emulator/stats         -> {since, total, requests: {"GET /accounts/{account_id}": n}}
 * POST   /__emulator/reset         {state?: bool} -> {reset: true, state: bool}
 * GET    /__emulator/info          -> {base_url, schema_version, accounts: [{id, name}]}
 * </pre>
 * Features add their own admin endpoints with {@link #extend} (tails: {@code /__emulator/tails...}).
 */
public final class AdminRoutes implements HttpHandler {

    public static final String PREFIX = "/__emulator";

    private static final ObjectReader RULE_READER = Json.MAPPER.readerFor(FaultRule.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FaultInjector faults;
    private final RequestStats stats;
    private final Consumer<Boolean> reset;
    private final Supplier<Map<String, Object>> info;
    private final Router router = new Router();

    /**
     * @param reset called with {@code true} to also restore the demo state
     * @param info  what {@code GET /__emulator/info} shows
     */
    public AdminRoutes(FaultInjector faults, RequestStats stats, Consumer<Boolean> reset,
                       Supplier<Map<String, Object>> info) {
        this.faults = faults;
        this.stats = stats;
        this.reset = reset;
        this.info = info;
        router.add("POST", "/faults", call -> addFault(call.body()));
        router.add("GET", "/faults", call -> listFaults());
        router.add("DELETE", "/faults", call -> json(200, Map.of("cleared", clearFaults())));
        router.add("DELETE", "/faults/{id}", call -> removeFault(call.pathParam("id")));
        router.add("GET", "/stats", call -> statsJson());
        router.add("POST", "/reset", call -> doReset(call.body()));
        router.add("GET", "/info", call -> json(200, info.get()));
    }

    /**
     * Registers a feature's admin endpoints (paths relative to {@value #PREFIX}); call before serving.
     * Handlers answer with {@link #json} / {@link #error}; an IllegalArgumentException becomes a 400.
     */
    public AdminRoutes extend(Consumer<Router> feature) {
        feature.accept(router);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                ResponseWriter.write(exchange, error(403, "The emulator admin API only answers loopback callers"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
            var call = new RequestContext(exchange.getRequestMethod(),
                    path.isEmpty() ? "/" : path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            Router.Resolution resolution = router.resolve(exchange.getRequestMethod(), path);
            Response response;
            if (resolution instanceof Router.Found f) {
                response = dispatch(f, call);
            } else if (resolution instanceof Router.MethodNotAllowed m) {
                response = error(405, "Use " + String.join(", ", m.allowed()) + " for " + PREFIX + m.template())
                        .withHeader("Allow", String.join(", ", m.allowed()));
            } else {
                response = error(404, "No emulator admin endpoint " + PREFIX + path);
            }
            ResponseWriter.write(exchange, response);
        }
    }

    private static Response dispatch(Router.Found f, RequestContext call) {
        call.bind(f);
        try {
            return f.route().handler().handle(call);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private Response addFault(byte[] body) {
        FaultRule rule;
        try {
            rule = RULE_READER.readValue(body);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            return error(400, "Invalid fault rule: " + cause.getMessage());
        }
        if (rule == null) {
            return error(400, "Invalid fault rule: the body must be a JSON object");
        }
        String id = faults.add(rule);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("rule", rule);
        return json(201, out);
    }

    private Response listFaults() {
        List<Map<String, Object>> list = faults.active().stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("rule", a.rule());
            m.put("added_at", a.addedAt().toString());
            m.put("remaining", a.remaining());
            return m;
        }).toList();
        return json(200, Map.of("faults", list));
    }

    private int clearFaults() {
        int n = faults.active().size();
        faults.clear();
        return n;
    }

    private Response removeFault(String id) {
        return faults.remove(id) ? json(200, Map.of("removed", id)) : error(404, "No active fault " + id);
    }

    private Response statsJson() {
        RequestStats.Snapshot s = stats.snapshot();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", s.since().toString());
        out.put("total", s.total());
        out.put("requests", s.requests());
        return json(200, out);
    }

    private Response doReset(byte[] body) {
        boolean state = false;
        if (body.length > 0) {
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                state = node != null && node.path("state").asBoolean(false);
            } catch (IOException e) {
                return error(400, "The reset body must be JSON like {\"state\": true}");
            }
        }
        reset.accept(state);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reset", true);
        out.put("state", state);
        return json(200, out);
    }

    /** A plain JSON admin answer. */
    public static Response json(int status, Object value) {
        return Response.json(status, Envelope.bytes(value));
    }

    /** An admin failure: {@code {"error": message}}. */
    public static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }
}
