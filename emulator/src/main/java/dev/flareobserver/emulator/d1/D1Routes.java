package dev.flareobserver.emulator.d1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.http.AuthPolicy;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.http.Paging;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * D1's REST paths: databases (list with page/per_page 10..10000 and a name filter, create, get, delete),
 * {@code /query} and {@code /raw}, the export polling flow and its signed download, and time travel.
 */
final class D1Routes {

    static final String DATABASES = "/accounts/{account_id}/d1/database";
    static final String DATABASE = DATABASES + "/{database_id}";
    /** Where signed export URLs point: the token in the path is the only credential, as in a presigned URL. */
    static final String DOWNLOAD = "/d1-export-downloads/{token}/{filename}";
    private static final Set<String> LOCATIONS = Set.of("wnam", "enam", "weur", "eeur", "apac", "oc");
    /** Unconfirmed: where a database lands without a hint (Cloudflare places it near the caller). */
    private static final String DEFAULT_LOCATION = "enam";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final D1Databases d1;
    private final AccountRoutes accounts;

    D1Routes(D1Databases d1, AccountRoutes accounts) {
        this.d1 = d1;
        this.accounts = accounts;
    }

    void register(Router router) {
        router.get(DATABASES, this::list);
        router.add("POST", DATABASES, this::create);
        router.get(DATABASE, this::get);
        router.add("DELETE", DATABASE, this::delete);
        router.add("POST", DATABASE + "/query", call -> query(call, false));
        router.add("POST", DATABASE + "/raw", call -> query(call, true));
        router.add("POST", DATABASE + "/export", this::export);
        router.get(DATABASE + "/time_travel/bookmark", this::bookmark);
        router.add("POST", DATABASE + "/time_travel/restore", this::restore);
        router.add("GET", DOWNLOAD, AuthPolicy.SIGNED_URL, this::download);
    }

    Response list(RequestContext call) {
        String account = account(call);
        Paging.PageRequest page = Paging.PageRequest.from(call, 10, 10_000, 1_000);
        String name = call.query("name");
        List<Map<String, Object>> all = d1.list(account).stream()
                // "a database name to search for": a substring match (unconfirmed).
                .filter(db -> name == null || name.isEmpty() || db.name().contains(name))
                .map(D1Json::database).toList();
        return Envelope.page(page.slice(all));
    }

    Response create(RequestContext call) {
        String account = account(call);
        JsonNode body = body(call);
        JsonNode name = body.path("name");
        if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
            throw D1Errors.invalid("name", "Expected string");
        }
        String location = DEFAULT_LOCATION;
        JsonNode hint = body.path("primary_location_hint");
        if (!hint.isMissingNode() && !hint.isNull()) {
            location = hint.asText().toLowerCase(Locale.ROOT);
            if (!LOCATIONS.contains(location)) {
                throw D1Errors.invalid("primary_location_hint", "must be one of " + String.join(", ", LOCATIONS));
            }
        }
        D1Catalog.Db db = d1.create(account, name.isTextual() ? name.asText() : null, location);
        Map<String, Object> result = D1Json.database(db);
        result.put("created_in_region", location.toUpperCase(Locale.ROOT));
        return Envelope.success(result);
    }

    Response get(RequestContext call) {
        D1Catalog.Db db = database(call);
        return Envelope.success(D1Json.details(db, d1.details(db)));
    }

    Response delete(RequestContext call) {
        d1.delete(database(call));
        return Envelope.success(null);
    }

    Response query(RequestContext call, boolean raw) {
        D1Catalog.Db db = database(call);
        JsonNode body = body(call);
        JsonNode sql = body.path("sql");
        if (!sql.isTextual()) {
            throw D1Errors.invalid("sql", sql.isMissingNode() || sql.isNull() ? "Required" : "Expected string");
        }
        List<Object> params = new ArrayList<>();
        JsonNode given = body.path("params");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isArray()) {
                throw D1Errors.invalid("params", "Expected array");
            }
            for (JsonNode p : given) {
                if (p.isContainerNode()) {
                    throw D1Errors.invalid("params", "each parameter must be a string, number, boolean or null");
                }
                params.add(p.isNull() ? null : p.isNumber() ? p.numberValue() : p.isBoolean() ? p.booleanValue()
                        : p.asText());
            }
        }
        List<D1Batch.Result> results = d1.query(db, sql.asText(), params);
        return Envelope.success(D1Json.results(results, raw, region(db)));
    }

    /**
     * The polling flow: the first call starts a dump at the current bookmark and answers 202 "active"; each
     * poll with that bookmark waits briefly for the end, then answers "active" (202) or "complete"/"error" (200).
     */
    Response export(RequestContext call) {
        D1Catalog.Db db = database(call);
        JsonNode body = body(call);
        if (!"polling".equals(body.path("output_format").asText(null))) {
            throw D1Errors.invalid("output_format", "must be \"polling\"");
        }
        String current = body.path("current_bookmark").asText(null);
        D1Exports.Job job;
        if (current == null) {
            D1Dump.Options options = dumpOptions(body.path("dump_options"));
            String bookmark = d1.bookmark(db);
            String filename = db.name() + "-" + FILE_TIME.format(d1.exports().now()) + ".sql";
            job = d1.exports().start(db.uuid(), bookmark, filename, (out, progress) ->
                    d1.sql(db, c -> {
                        try {
                            return D1Dump.write(c, options, out, progress);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
        } else {
            job = d1.exports().find(db.uuid(), current).orElseThrow(() -> D1Errors.invalid("current_bookmark",
                    "no export of this database is running at that bookmark"));
            try {
                job.awaitEnd(D1Exports.POLL_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("type", "export");
        result.put("at_bookmark", job.bookmark);
        String status = job.status();
        result.put("status", status);
        result.put("success", !status.equals("error"));
        result.put("messages", job.takeMessages());
        if (status.equals("active")) {
            return Envelope.success(202, result, null, List.of());
        }
        d1.exports().forget(db.uuid(), job);
        if (status.equals("complete")) {
            String url = "http://" + call.header("Host") + "/client/v4/d1-export-downloads/" + job.token() + "/"
                    + URLEncoder.encode(job.filename, StandardCharsets.UTF_8);
            result.put("result", Map.of("filename", job.filename, "signed_url", url));
        } else {
            result.put("error", job.error());
        }
        return Envelope.success(result);
    }

    /** The signed URL: the dump's bytes, no credentials asked; 403 once expired (as an expired presigned URL). */
    Response download(RequestContext call) {
        Optional<D1Exports.Download> found = d1.download(call.pathParam("token"))
                .filter(d -> d.filename().equals(call.pathParam("filename")));
        if (found.isEmpty()) {
            return Response.text(404, "text/plain; charset=utf-8", "NoSuchKey: the export does not exist\n");
        }
        D1Exports.Download d = found.get();
        if (!d1.exports().now().isBefore(d.expires())) {
            return Response.text(403, "text/plain; charset=utf-8", "Request has expired\n");
        }
        try {
            return new Response(200, "application/sql", Map.of("Content-Disposition",
                    "attachment; filename=\"" + d.filename() + "\""), Files.readAllBytes(d.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Response bookmark(RequestContext call) {
        D1Catalog.Db db = database(call);
        String at = call.query("timestamp");
        String bookmark = at == null || at.isEmpty() ? d1.bookmark(db) : d1.bookmarkAt(db, timestamp(at));
        return Envelope.success(Map.of("bookmark", bookmark));
    }

    Response restore(RequestContext call) {
        D1Catalog.Db db = database(call);
        String bookmark = call.query("bookmark");
        String at = call.query("timestamp");
        if ((bookmark == null || bookmark.isEmpty()) == (at == null || at.isEmpty())) {
            throw D1Errors.invalid("bookmark", "give either a bookmark or a timestamp");
        }
        String target = bookmark != null && !bookmark.isEmpty() ? bookmark : d1.bookmarkAt(db, timestamp(at));
        D1Databases.Restored restored = d1.restore(db, target);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bookmark", restored.bookmark());
        result.put("previous_bookmark", restored.previousBookmark());
        result.put("message", restored.message());
        return Envelope.success(result);
    }

    private D1Dump.Options dumpOptions(JsonNode options) {
        Set<String> tables = new HashSet<>();
        options.path("tables").forEach(t -> tables.add(t.asText()));
        return new D1Dump.Options(options.path("no_data").asBoolean(false), options.path("no_schema").asBoolean(false),
                tables);
    }

    private static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw D1Errors.invalid("timestamp", "must be an ISO 8601 timestamp such as 2026-01-02T03:04:05Z");
        }
    }

    private static String region(D1Catalog.Db db) {
        return (db.location() == null ? DEFAULT_LOCATION : db.location()).toUpperCase(Locale.ROOT);
    }

    private String account(RequestContext call) {
        return accounts.visibleAccount(call, call.pathParam("account_id")).id();
    }

    private D1Catalog.Db database(RequestContext call) {
        return d1.get(account(call), call.pathParam("database_id"));
    }

    private static JsonNode body(RequestContext call) {
        try {
            JsonNode node = call.body().length == 0 ? null : Json.MAPPER.readTree(call.body());
            if (node == null || !node.isObject()) {
                throw D1Errors.malformed("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw D1Errors.malformed("the body is not valid JSON");
        }
    }
}
