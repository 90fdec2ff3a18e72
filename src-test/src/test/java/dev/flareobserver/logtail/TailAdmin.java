package dev.flareobserver.logtail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The emulator's tail controls (/__emulator/tails...), over HTTP as any test client would use them. */
public final class TailAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public TailAdmin(Emulator emulator) {
        this(emulator.adminUrl());
    }

    /** For an emulator in another process: its {@code http://127.0.0.1:PORT/__emulator}. */
    public TailAdmin(String adminUrl) {
        this.base = adminUrl;
    }

    /** Every tail the emulator holds (expired ones too, until deleted). */
    public JsonNode tails() throws Exception {
        return call("GET", "/tails", null).get("tails");
    }

    public int count() throws Exception {
        return tails().size();
    }

    public void expireAll() throws Exception {
        call("POST", "/tails/expire", "{}");
    }

    public void dropAll() throws Exception {
        call("POST", "/tails/drop", "{}");
    }

    /** Sends {@code events} extra frames to the script's connected tails; returns the emulator's answer. */
    public JsonNode flood(String script, long events, long rate) throws Exception {
        return call("POST", "/tails/flood",
                "{\"script\":\"" + script + "\",\"events\":" + events + ",\"rate\":" + rate + "}");
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
