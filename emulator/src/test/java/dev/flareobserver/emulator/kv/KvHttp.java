package dev.flareobserver.emulator.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain java.net.http calls to the emulator's KV routes, with byte bodies (deliberately not the project's client). */
final class KvHttp {

    record Reply(int status, HttpResponse<byte[]> raw) {
        byte[] bytes() {
            return raw.body();
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text(), e);
            }
        }

        /** The first error code of a failure envelope. */
        int code() {
            return json().path("errors").path(0).path("code").asInt();
        }

        String message() {
            return json().path("errors").path(0).path("message").asText();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Emulator emulator;
    private final String base;

    KvHttp(Emulator emulator, String accountId) {
        this.emulator = emulator;
        this.base = "/accounts/" + accountId + "/storage/kv/namespaces";
    }

    static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String namespaces() {
        return base;
    }

    String ns(String id) {
        return base + "/" + id;
    }

    String value(String ns, String key) {
        return ns(ns) + "/values/" + encode(key);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    Reply json(String method, String path, String json) {
        return send(method, path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    Reply send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + emulator.userToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a namespace and returns its id. */
    String createNamespace(String title) {
        Reply r = json("POST", base, "{\"title\":" + MAPPER.valueToTree(title) + "}");
        if (r.status() != 200) {
            throw new AssertionError("create failed: " + r.status() + " " + r.text());
        }
        return r.json().path("result").path("id").asText();
    }

    Reply put(String ns, String key, byte[] value) {
        return send("PUT", value(ns, key), value, "application/octet-stream");
    }

    /** A multipart PUT as wrangler sends it with metadata. */
    Reply putWithMetadata(String ns, String key, byte[] value, String metadataJson, String query) {
        String boundary = "kvtest-boundary";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + metadataJson + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("PUT", value(ns, key) + (query == null ? "" : "?" + query), out.toByteArray(),
                "multipart/form-data; boundary=" + boundary);
    }
}
