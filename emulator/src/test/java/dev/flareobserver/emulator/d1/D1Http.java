package dev.flareobserver.emulator.d1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to the emulator's D1 paths (deliberately not the project's client). */
final class D1Http {

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        JsonNode result() {
            return json().path("result");
        }

        /** The first error's "code: message". */
        String error() {
            JsonNode e = json().path("errors").path(0);
            return e.path("code").asInt() + ": " + e.path("message").asText();
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Emulator emulator;
    final String account;

    D1Http(Emulator emulator, String account) {
        this.emulator = emulator;
        this.account = account;
    }

    String databases() {
        return "/accounts/" + account + "/d1/database";
    }

    Reply get(String path) {
        return send("GET", path, null, true);
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, true);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** POST .../query (or /raw) with {sql, params}. */
    Reply sql(String databaseId, String kind, String sql, Object... params) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("sql", sql);
        if (params.length > 0) {
            body.put("params", java.util.Arrays.asList(params));
        }
        return post(databases() + "/" + databaseId + "/" + kind, body);
    }

    /** The rows of the last statement of a /query answer; fails the test on an error answer. */
    JsonNode rows(String databaseId, String sql, Object... params) {
        Reply r = sql(databaseId, "query", sql, params);
        if (r.status() != 200) {
            throw new AssertionError(sql + " -> " + r.status() + " " + r.body());
        }
        JsonNode results = r.result();
        return results.get(results.size() - 1).path("results");
    }

    String idOf(String name) {
        for (JsonNode db : get(databases() + "?per_page=10000").result()) {
            if (db.path("name").asText().equals(name)) {
                return db.path("uuid").asText();
            }
        }
        throw new AssertionError("no database " + name);
    }

    Reply send(String method, String path, Object body, boolean authorised) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                            : emulator.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                            : MAPPER.writeValueAsString(body)));
            if (authorised) {
                b.header("Authorization", "Bearer " + emulator.userToken());
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
