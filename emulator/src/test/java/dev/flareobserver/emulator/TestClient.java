package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain java.net.http client for the emulator (deliberately not the project's transport). */
final class TestClient {

    record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Emulator emu;

    TestClient(Emulator emu) {
        this.emu = emu;
    }

    Reply get(String path) {
        return send("GET", path, "Bearer " + emu.userToken(), null);
    }

    Reply getWithToken(String path, String token) {
        return send("GET", path, token == null ? null : "Bearer " + token, null);
    }

    Reply send(String method, String path, String authorization, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : emu.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One GET over a raw socket, reading until EOF. java.net.http silently retries an idempotent
     * request once when the connection closes early, which would hide a one-shot reset fault.
     */
    byte[] rawGet(String path) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", emu.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /client/v4" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + emu.userToken() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // a reset reads as "nothing came back"
        }
    }

    Reply admin(String method, String path, String body) {
        return send(method, emu.adminUrl() + path, null, body, "Content-Type", "application/json");
    }
}
