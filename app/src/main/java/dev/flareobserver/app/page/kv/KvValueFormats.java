package dev.flareobserver.app.page.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Pure functions behind the value viewer: which views fit a value (an image by its magic bytes, JSON when it
 * parses, text when it is UTF-8 without stray control characters, hex always), and how each view renders it.
 * Values larger than {@link #MAX_SHOWN} are shown truncated, with a note.
 */
public final class KvValueFormats {

    /** The most bytes rendered as text or hex; beyond this the value is saved to a file to be seen whole. */
    public static final int MAX_SHOWN = 1024 * 1024;
    private static final int MAX_HEX = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private KvValueFormats() {
    }

    /** The views that can show these bytes, always including hex. */
    public static Set<KvViewMode> modes(byte[] value) {
        Set<KvViewMode> modes = EnumSet.of(KvViewMode.HEX);
        if (isImage(value)) {
            modes.add(KvViewMode.IMAGE);
            return modes;
        }
        String text = utf8(value);
        if (text != null) {
            modes.add(KvViewMode.TEXT);
            if (value.length <= MAX_SHOWN && parsesAsJson(text)) {
                modes.add(KvViewMode.JSON);
            }
        }
        return modes;
    }

    /** The view chosen for a value: image, else JSON, else text, else hex. */
    public static KvViewMode preferred(byte[] value) {
        Set<KvViewMode> modes = modes(value);
        for (KvViewMode m : new KvViewMode[] {KvViewMode.IMAGE, KvViewMode.JSON, KvViewMode.TEXT}) {
            if (modes.contains(m)) {
                return m;
            }
        }
        return KvViewMode.HEX;
    }

    /** The value as text for {@code mode} (not for images). */
    public static String render(byte[] value, KvViewMode mode) {
        return switch (mode) {
            case TEXT -> text(value);
            case JSON -> prettyJson(value);
            case HEX -> hex(value);
            case IMAGE -> "";
        };
    }

    /** UTF-8 text of the value; invalid bytes shown as U+FFFD; cut at {@link #MAX_SHOWN}. */
    static String text(byte[] value) {
        int n = Math.min(value.length, MAX_SHOWN);
        String text = new String(value, 0, n, StandardCharsets.UTF_8);
        return n < value.length ? text + "\n\n[… " + more(value.length - n) + " not shown: save the value to a file]"
                : text;
    }

    static String prettyJson(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            return text(value);
        }
    }

    /** A classic hex dump: offset, 16 bytes, their printable ASCII; cut at 64 KiB. */
    public static String hex(byte[] value) {
        int n = Math.min(value.length, MAX_HEX);
        StringBuilder out = new StringBuilder(n / 16 * 78 + 80);
        for (int row = 0; row < n; row += 16) {
            out.append(String.format(Locale.ROOT, "%08x  ", row));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = row; i < row + 16; i++) {
                if (i < n) {
                    int b = value[i] & 0xff;
                    out.append(String.format(Locale.ROOT, "%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == row + 7) {
                    out.append(' ');
                }
            }
            out.append(" |").append(ascii).append("|\n");
        }
        if (n < value.length) {
            out.append("[… ").append(more(value.length - n)).append(" not shown: save the value to a file]\n");
        }
        if (value.length == 0) {
            out.append("(empty value)\n");
        }
        return out.toString();
    }

    /** The bytes as UTF-8 text, or null when they are not UTF-8 or hold control characters other than whitespace. */
    public static String utf8(byte[] value) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return null;
            }
        }
        return text;
    }

    /** PNG, JPEG, GIF and BMP: the formats JavaFX can draw. */
    public static boolean isImage(byte[] v) {
        return startsWith(v, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')
                || startsWith(v, 0xff, 0xd8, 0xff)
                || startsWith(v, 'G', 'I', 'F', '8')
                || startsWith(v, 'B', 'M');
    }

    /** "1.2 KiB (1,234 bytes)". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String unit = bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
        return unit + String.format(Locale.ROOT, " (%,d bytes)", bytes);
    }

    /** An expiration for a person: "never", or the UTC time. */
    public static String expiration(Long epochSeconds) {
        return epochSeconds == null ? "never" : WHEN.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** Metadata JSON, indented for editing (blank when none). */
    public static String prettyMetadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            return metadata.toString();
        }
    }

    private static boolean parsesAsJson(String text) {
        String t = text.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return false;
        }
        try {
            JSON.readTree(t);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String more(long bytes) {
        return size(bytes).replaceAll(" \\(.*\\)", "");
    }

    private static boolean startsWith(byte[] v, int... magic) {
        if (v.length < magic.length) {
            return false;
        }
        int[] head = new int[magic.length];
        for (int i = 0; i < magic.length; i++) {
            head[i] = v[i] & 0xff;
        }
        return Arrays.equals(head, magic);
    }
}
