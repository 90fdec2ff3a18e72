package dev.flareobserver.emulator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain java.net.http calls to an emulator's REST API and registry (deliberately not the project's client). */
public final class EmulatorHttp {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, Map<String, List<String>> headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body(), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final Emulator emu;

    public EmulatorHttp(Emulator emu) {
        this.emu = emu;
    }

    /** A REST call under /client/v4 with the user token; {@code body} is JSON or null. */
    public Reply api(String method, String path, String body) {
        return send(method, emu.baseUrl() + path, "Bearer " + emu.userToken(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public JsonNode result(String method, String path, String body) {
        Reply r = api(method, path, body);
        if (r.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " -> " + r.status() + " " + r.body());
        }
        return r.json().get("result");
    }

    /** A registry call ({@code path} from /v2/...). */
    public Reply registry(String method, String path, String authorization, byte[] body, String contentType,
                          String... headers) {
        // The plain-HTTP face of the registry (/v2/ on the API port); registryHost() is its HTTPS port.
        return send(method, "http://127.0.0.1:" + emu.port() + path, authorization, body, contentType, headers);
    }

    public Reply send(String method, String url, String authorization, byte[] body, String contentType,
                      String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Credentials for the emulator's registry: the {@code Basic} header value. */
    public String registryCredentials(String accountId, int minutes, String... permissions) {
        JsonNode c = result("POST", "/accounts/" + accountId + "/containers/registries/registry.cloudflare.com/credentials",
                "{\"expiration_minutes\":" + minutes + ",\"permissions\":" + toJson(List.of(permissions)) + "}");
        return "Basic " + java.util.Base64.getEncoder().encodeToString((c.get("username").asText() + ":"
                + c.get("password").asText()).getBytes(StandardCharsets.UTF_8));
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
