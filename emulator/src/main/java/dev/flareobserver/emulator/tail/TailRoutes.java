package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.workers.WorkerStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workers tail REST (tail-protocol.md section 1), through the ordinary API pipeline (auth, rate
 * limit, faults, stats):
 * <pre>
 * POST   /accounts/{account_id}/workers/scripts/{script_name}/tails        {"filters": [...]} -> {id, url, expires_at}
 * GET    /accounts/{account_id}/workers/scripts/{script_name}/tails        -> {id, url, expires_at} | null
 * DELETE /accounts/{account_id}/workers/scripts/{script_name}/tails/{id}   -> null (the socket closes with 1000)
 * </pre>
 * The list answers one object, as the OpenAPI document ({@code workers_tail-response}: result is an
 * object) and cloudflare-go's {@code ListWorkersTail} have it: the newest live tail, or null when there
 * is none. How the service picks among several tails is unconfirmed. Codes other than 10007 and every
 * status are unconfirmed too.
 */
public final class TailRoutes {

    static final int NOT_FOUND = 10007;
    /** Unconfirmed: the Workers validation code the emulator uses elsewhere. */
    static final int INVALID_FILTERS = 10021;
    /** Unconfirmed: neither wrangler nor the docs show the refusal of an eleventh tail. */
    static final int TOO_MANY_TAILS = 10057;

    private static final String TAILS = "/accounts/{account_id}/workers/scripts/{script_name}/tails";

    private final TailService tails;
    private final AccountRoutes accounts;
    private final WorkerStore workers;

    public TailRoutes(TailService tails, AccountRoutes accounts, WorkerStore workers) {
        this.tails = tails;
        this.accounts = accounts;
        this.workers = workers;
    }

    public void register(Router router) {
        router.add("POST", TAILS, this::create);
        router.get(TAILS, this::list);
        router.add("DELETE", TAILS + "/{id}", this::delete);
    }

    Response create(RequestContext call) {
        String account = account(call);
        String script = existingScript(account, call);
        TailFilterSet filters = filters(call.body());
        try {
            return Envelope.success(json(tails.create(account, script, filters)));
        } catch (TailRegistry.LimitReachedException e) {
            // 400 rather than 429: a client must not read this as the API rate limit and retry later.
            throw new ApiException(400, TOO_MANY_TAILS, "Worker " + script + " already has "
                    + TailRegistry.MAX_TAILS_PER_WORKER + " live tails, the most Cloudflare allows at once "
                    + "(dashboard and wrangler sessions count alike). Stop one, or wait for one to expire, "
                    + "then try again.");
        }
    }

    Response list(RequestContext call) {
        String account = account(call);
        String script = existingScript(account, call);
        List<Tail> live = tails.live(account, script);
        return Envelope.success(live.isEmpty() ? null : json(live.get(live.size() - 1)));
    }

    Response delete(RequestContext call) {
        String account = account(call);
        String script = call.pathParam("script_name");
        String id = call.pathParam("id");
        // A tail outlives its Worker's deletion: it can still be deleted, and only then is 404 about the Worker.
        Tail tail = tails.find(account, script, id).orElseThrow(() -> {
            existingScript(account, call);
            return new ApiException(404, NOT_FOUND, "Tail " + id + " not found for Worker " + script);
        });
        tails.delete(tail);
        return Envelope.success(null);
    }

    private Map<String, Object> json(Tail t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("url", tails.url(t));
        out.put("expires_at", t.expiresAt().truncatedTo(ChronoUnit.MILLIS).toString());
        return out;
    }

    private String account(RequestContext call) {
        return accounts.visibleAccount(call, call.pathParam("account_id")).id();
    }

    private String existingScript(String account, RequestContext call) {
        String name = call.pathParam("script_name");
        if (workers.script(account, name).isEmpty()) {
            throw new ApiException(404, NOT_FOUND, "This Worker does not exist on your account.");
        }
        return name;
    }

    /** The create body: a filter message, or nothing (no body, {@code {}}) for no filters. */
    private static TailFilterSet filters(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return TailFilterSet.NONE;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, INVALID_FILTERS, "The request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, INVALID_FILTERS, "The request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, INVALID_FILTERS, "The request body must be a JSON object like {\"filters\": []}");
        }
        try {
            return TailFilterSet.parse(node.get("filters"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, INVALID_FILTERS, "Invalid tail filters: " + e.getMessage());
        }
    }
}
