package dev.flareobserver.orchestration.resources.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.transport.CloudflareJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Cloudflare's KV limits, checked before any request so bad input gets a clear local message and nothing is
 * sent. Each check throws {@link InvalidResourceInputException} saying what is wrong and what the limit is.
 */
public final class KvLimits {

    public static final int MAX_KEY_BYTES = 512;
    public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    public static final int MAX_METADATA_BYTES = 1024;
    public static final long MIN_TTL_SECONDS = 60;
    /** Not documented by Cloudflare; the emulator enforces the same bound. */
    public static final int MAX_TITLE_LENGTH = 512;

    private static final ObjectMapper JSON = CloudflareJson.newObjectMapper();

    private KvLimits() {
    }

    public static String requireTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidResourceInputException("A namespace title must not be blank.");
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new InvalidResourceInputException("The namespace title has " + title.length()
                    + " characters; at most " + MAX_TITLE_LENGTH + " are allowed.");
        }
        return title;
    }

    /** Keys are measured in UTF-8 bytes, as Cloudflare does: 512 ASCII characters, but only 128 emoji. */
    public static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidResourceInputException("A key must not be empty or only spaces.");
        }
        if (key.equals(".") || key.equals("..")) {
            throw new InvalidResourceInputException("\"" + key + "\" cannot be used as a key name (Cloudflare refuses"
                    + " \".\" and \"..\").");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidResourceInputException("The key is " + bytes + " bytes in UTF-8; KV keys may be at most "
                    + MAX_KEY_BYTES + " bytes.");
        }
        return key;
    }

    public static byte[] requireValue(byte[] value) {
        if (value == null) {
            throw new InvalidResourceInputException("A value is required (it may be empty).");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new InvalidResourceInputException("The value is " + size(value.length)
                    + "; KV values may be at most 25 MiB (" + String.format(Locale.ROOT, "%,d", MAX_VALUE_BYTES)
                    + " bytes).");
        }
        return value;
    }

    /** Parses metadata typed as JSON text (null or blank: none) and checks its serialized size. */
    public static JsonNode requireMetadata(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidResourceInputException("The metadata is not valid JSON: " + e.getOriginalMessage());
        }
        return requireMetadata(node);
    }

    /** Checks metadata's size as it is sent: compact JSON in UTF-8. */
    public static JsonNode requireMetadata(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        int bytes = node.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_METADATA_BYTES) {
            throw new InvalidResourceInputException("The metadata is " + bytes + " bytes as JSON; KV metadata may be at"
                    + " most " + MAX_METADATA_BYTES + " bytes.");
        }
        return node;
    }

    public static long requireTtl(long seconds) {
        if (seconds < MIN_TTL_SECONDS) {
            throw new InvalidResourceInputException("An expiration TTL of " + seconds + " seconds is too short; KV keys"
                    + " must live at least " + MIN_TTL_SECONDS + " seconds.");
        }
        return seconds;
    }

    public static long requireExpiration(long epochSeconds, Instant now) {
        if (epochSeconds < now.getEpochSecond() + MIN_TTL_SECONDS) {
            throw new InvalidResourceInputException("The expiration " + Instant.ofEpochSecond(epochSeconds)
                    + " is less than " + MIN_TTL_SECONDS + " seconds from now; KV expirations must be at least "
                    + MIN_TTL_SECONDS + " seconds in the future.");
        }
        return epochSeconds;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
