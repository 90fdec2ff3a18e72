package dev.flareobserver.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal {@code multipart/form-data} reader (RFC 7578) for Worker uploads (a {@code metadata} field and one
 * file part per module) and KV values written with metadata ({@code value} + {@code metadata}). Bodies are
 * small (a Worker is a few MB, a KV value at most 25 MiB), so the whole body is parsed in memory.
 */
public final class Multipart {

    /** One part: its form name, file name (null for a plain field), content type (null if absent), bytes. */
    public record Part(String name, String filename, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** The boundary of a multipart/form-data content type, if that is what it is. */
    public static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? Optional.empty() : Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * The parts of {@code body}.
     *
     * @throws IllegalArgumentException when the body is not well-formed multipart with this boundary
     */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart body has no boundary line");
        }
        List<Part> parts = new ArrayList<>();
        pos += delimiter.length;
        while (true) {
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            pos = skipLineEnd(body, pos);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("multipart part without a header block");
            }
            String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
            int start = headersEnd + 4;
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new IllegalArgumentException("multipart part is not terminated by its boundary");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, start, end)));
            pos = end + next.length;
        }
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("content-disposition")) {
                name = param(value, "name");
                filename = param(value, "filename");
            } else if (key.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("multipart part without a name");
        }
        return new Part(name, filename, type, content);
    }

    /** A (possibly quoted) parameter of a Content-Disposition value; "name" must not match "filename". */
    private static String param(String value, String key) {
        for (String piece : value.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                continue;
            }
            String v = p.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
            }
            return v;
        }
        return null;
    }

    private static int skipLineEnd(byte[] b, int pos) {
        // Transport padding after a boundary is allowed before the CRLF.
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        if (pos + 1 < b.length && b[pos] == '\r' && b[pos + 1] == '\n') {
            return pos + 2;
        }
        throw new IllegalArgumentException("multipart boundary line not followed by CRLF");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
