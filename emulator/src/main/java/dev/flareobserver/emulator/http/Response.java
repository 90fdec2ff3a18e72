package dev.flareobserver.emulator.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished HTTP response: status, content type, extra headers, and a body that is either bytes (almost
 * every route) or {@link Streamed} from a file (an R2 object), so large bodies never sit in memory.
 */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body, Streamed streamed) {

    /** A body written from its source when the response is sent; closed once sent (or not sent). */
    public interface Streamed extends Closeable {
        long length();

        void writeTo(OutputStream out) throws IOException;

        /**
         * The file's bytes, opened now: a file replaced or deleted before the answer goes out is still read whole
         * (the open handle keeps it), and one already gone fails here, while the handler can still say so.
         */
        static Streamed ofFile(Path file, long length) throws IOException {
            InputStream in = Files.newInputStream(file);
            return new Streamed() {
                @Override
                public long length() {
                    return length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    in.transferTo(out);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }

    public Response {
        headers = new LinkedHashMap<>(headers);
        body = body == null ? new byte[0] : body;
    }

    public Response(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
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

    public static Response streamed(int status, String contentType, Streamed body) {
        return new Response(status, contentType, Map.of(), new byte[0], body);
    }

    /** A copy with one more header (headers are few, so copying is cheap and keeps this immutable). */
    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, h, body, streamed);
    }
}
