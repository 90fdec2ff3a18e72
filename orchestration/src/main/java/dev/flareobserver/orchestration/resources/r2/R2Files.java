package dev.flareobserver.orchestration.resources.r2;

import java.util.Locale;
import java.util.Map;

/** How files and objects are named and described to a person: content types by extension, sizes in KB/MB. */
public final class R2Files {

    /** A fixed table, not the platform's mime database, so an upload is typed the same on every machine. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"), Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "application/javascript"), Map.entry("mjs", "application/javascript"),
            Map.entry("xml", "application/xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("wasm", "application/wasm"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("sql", "application/sql"));

    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private R2Files() {
    }

    public static String contentTypeFor(String fileName) {
        if (fileName == null) {
            return DEFAULT_CONTENT_TYPE;
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return DEFAULT_CONTENT_TYPE;
        }
        return TYPES.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT_CONTENT_TYPE);
    }

    /** "512 B", "12.3 KB", "48.0 MB", "1.20 GB" (powers of 1024, as file managers count). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return String.format(Locale.ROOT, "%.1f KB", kb);
        }
        double mb = kb / 1024.0;
        if (mb < 1024) {
            return String.format(Locale.ROOT, "%.1f MB", mb);
        }
        return String.format(Locale.ROOT, "%.2f GB", mb / 1024.0);
    }

    /** The last part of a key ("images/logo.png" -> "logo.png"; a folder "a/b/" -> "b/"). */
    public static String name(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        int slash = trimmed.lastIndexOf('/');
        return key.substring(slash + 1);
    }

    /**
     * A key as a person may safely see it: control characters (a key may hold any Unicode, line breaks and NUL
     * included) written as {@code \u000a}, so a row never breaks and nothing invisible hides in a name.
     */
    public static String printable(String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
