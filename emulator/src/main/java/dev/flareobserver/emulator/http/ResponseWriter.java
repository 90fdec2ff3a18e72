package dev.flareobserver.emulator.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Sends a {@link Response} on an exchange; every response gets a {@code cf-ray} header. */
public final class ResponseWriter {

    private ResponseWriter() {
    }

    /** A ray id in Cloudflare's shape (16 hex) with "-EMU" where the data-centre code would be. */
    public static String newRayId() {
        return String.format("%016x-EMU", ThreadLocalRandom.current().nextLong());
    }

    public static void write(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("cf-ray", newRayId());
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        byte[] body = response.body();
        Response.Streamed streamed = response.streamed();
        try {
            long length = streamed != null ? streamed.length() : body.length;
            boolean noBody = length == 0 || response.status() == 204 || response.status() == 304
                    || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    if (streamed != null) {
                        streamed.writeTo(out);
                    } else {
                        out.write(body);
                    }
                }
            }
        } finally {
            if (streamed != null) {
                streamed.close();
            }
            exchange.close();
        }
    }
}
