package dev.flareobserver.emulator.kv;

import dev.flareobserver.emulator.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a key listing: the bytes of the last key returned, behind a version tag,
 * base64url-encoded. Listing resumes strictly after that key, so keys written or deleted between pages never
 * cause a key to be repeated or skipped that existed throughout.
 */
final class KvCursor {

    private static final byte[] TAG = "kv1:".getBytes(StandardCharsets.US_ASCII);

    private KvCursor() {
    }

    static String after(byte[] lastKey) {
        byte[] raw = Arrays.copyOf(TAG, TAG.length + lastKey.length);
        System.arraycopy(lastKey, 0, raw, TAG.length, lastKey.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** The key to resume after; empty bytes for no cursor. A cursor this emulator did not issue is a 400. */
    static byte[] decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return new byte[0];
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.length <= TAG.length || !Arrays.equals(raw, 0, TAG.length, TAG, 0, TAG.length)) {
            throw invalid();
        }
        return Arrays.copyOfRange(raw, TAG.length, raw.length);
    }

    private static ApiException invalid() {
        return new ApiException(400, KvErrors.INVALID_CURSOR, "Invalid cursor");
    }
}
