package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.admin.AdminRoutes;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tail controls for tests, under the emulator's admin prefix:
 * <pre>
 * GET  /__emulator/tails         -> {tails: [{id, account_id, script, url, created_at, expires_at, connected,
 *                                   expired, sampling, debug, filters, events_sent, events_filtered,
 *                                   events_sampled_out, notices_sent}]}   (expired tails too, until deleted)
 * POST /__emulator/tails/expire  {id?}  -> {expired: n}   expires now, silently (no close frame, no pongs)
 * POST /__emulator/tails/drop    {id?}  -> {dropped: n}   cuts TCP connections (reset, no close frame); tails stay
 * POST /__emulator/tails/flood   {script, account?, events, rate?}
 *                                       -> {script, tails, requested, sent, filtered, sampled_out, stalled, elapsed_ms}
 * </pre>
 * Without an id, expire and drop act on every tail; an unknown id is a 404. A flood answers when every
 * frame has been queued on the sockets (not when clients have read them): {@code events} frames per
 * tail, replayed from a pool of the Worker's recent simulated events, through each tail's filters and
 * sampling, at {@code rate} per second (0, the default: as fast as the sockets drain). {@code tails} is
 * the number of connected tails it reached (0 when none: nothing to do).
 */
public final class TailAdminRoutes {

    private static final long MAX_FLOOD_EVENTS = 100_000_000L;

    private final TailService tails;

    public TailAdminRoutes(TailService tails) {
        this.tails = tails;
    }

    public void register(Router router) {
        router.get("/tails", call -> list());
        router.add("POST", "/tails/expire", call -> {
            JsonNode body = body(call.body());
            return chosen(body).map(l -> AdminRoutes.json(200, Map.of("expired", tails.expire(l))))
                    .orElseGet(() -> unknownTail(body));
        });
        router.add("POST", "/tails/drop", call -> {
            JsonNode body = body(call.body());
            return chosen(body).map(l -> AdminRoutes.json(200, Map.of("dropped", tails.drop(l))))
                    .orElseGet(() -> unknownTail(body));
        });
        router.add("POST", "/tails/flood", call -> flood(body(call.body())));
    }

    private Response list() {
        Instant now = tails.now();
        List<Map<String, Object>> out = tails.all().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("account_id", t.accountId());
            m.put("script", t.scriptName());
            m.put("url", tails.url(t));
            m.put("created_at", t.createdAt().truncatedTo(ChronoUnit.MILLIS).toString());
            m.put("expires_at", t.expiresAt().truncatedTo(ChronoUnit.MILLIS).toString());
            m.put("connected", t.isConnected());
            m.put("expired", t.isExpired(now));
            m.put("sampling", t.sampling());
            m.put("debug", t.debug());
            m.put("filters", t.filters().raw());
            m.put("events_sent", t.eventsSent());
            m.put("events_filtered", t.eventsFiltered());
            m.put("events_sampled_out", t.eventsSampledOut());
            m.put("notices_sent", t.noticesSent());
            return m;
        }).toList();
        return AdminRoutes.json(200, Map.of("tails", out));
    }

    /** The tail named by {@code id}, or every tail; empty when the id is unknown. */
    private Optional<List<Tail>> chosen(JsonNode body) {
        JsonNode id = body.path("id");
        if (id.isMissingNode() || id.isNull()) {
            return Optional.of(tails.all());
        }
        if (!id.isTextual()) {
            throw new IllegalArgumentException("id must be a tail id string");
        }
        return tails.byId(id.asText()).map(List::of);
    }

    private static Response unknownTail(JsonNode body) {
        return AdminRoutes.error(404, "No tail " + body.path("id").asText());
    }

    private Response flood(JsonNode body) {
        JsonNode script = body.path("script");
        if (!script.isTextual() || script.asText().isBlank()) {
            throw new IllegalArgumentException("flood needs {\"script\": name, \"events\": n, \"rate\"?: per second}");
        }
        JsonNode events = body.path("events");
        if (!events.canConvertToLong() || events.asLong() < 1 || events.asLong() > MAX_FLOOD_EVENTS) {
            throw new IllegalArgumentException("events must be a whole number from 1 to " + MAX_FLOOD_EVENTS);
        }
        JsonNode rate = body.path("rate");
        if (!rate.isMissingNode() && !rate.isNull() && (!rate.canConvertToInt() || rate.asInt() < 0)) {
            throw new IllegalArgumentException("rate must be events per second, 0 for as fast as possible");
        }
        JsonNode account = body.path("account");
        FloodPump.Result r;
        try {
            r = tails.flood(account.isTextual() ? account.asText() : null, script.asText(), events.asLong(),
                    rate.asInt(0));
        } catch (IllegalStateException e) {
            return AdminRoutes.error(409, e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("script", r.script());
        out.put("tails", r.tails());
        out.put("requested", r.requested());
        out.put("sent", r.sent());
        out.put("filtered", r.filtered());
        out.put("sampled_out", r.sampledOut());
        out.put("stalled", r.stalled());
        out.put("elapsed_ms", r.elapsedMs());
        return AdminRoutes.json(200, out);
    }

    private static JsonNode body(byte[] body) {
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return Json.MAPPER.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not JSON: " + e.getMessage());
        }
    }
}
