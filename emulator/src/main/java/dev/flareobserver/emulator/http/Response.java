package dev.flareobserver.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished HTTP response: status, content type, extra headers, body bytes. */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {

    public Response {
        headers = new LinkedHashMap<>(headers);
    }

    public static Response json(int status, byte[] body) {
        return new Response(status, "application/json", Map.of(), body);
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response empty(int status) {
        return new Response(status, null, Map.of(), new byte[0]);
    }

    /** A copy with one more header (headers are few, so copying is cheap and keeps this immutable). */
    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, h, body);
    }
}
