package dev.flareobserver.emulator.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Identifiers in Cloudflare's shape (32 lower-case hex characters). Demo ids are derived from a
 * seed string so the demo world is the same on every machine and every run; tokens are random.
 */
public final class Ids {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A stable 32-hex id for {@code seed} (first 16 bytes of SHA-256). */
    public static String seeded(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("flare-observer-emulator:" + seed).getBytes(StandardCharsets.UTF_8));
            return hex(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * A new token in the current format: prefix ({@code cfut_} user, {@code cfat_} account, {@code cfk_}
     * global key) plus 40 characters. Real tokens end in a checksum; nothing checks it, so none is added.
     */
    public static String newSecret(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < 40; i++) {
            b.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        return b.toString();
    }

    /** A fresh random Cloudflare-style identifier: 32 lowercase hex digits. */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return hex(bytes, 16);
    }

    public static String hex(byte[] bytes, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            out[i * 2] = HEX[(bytes[i] >> 4) & 0xf];
            out[i * 2 + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** True for a Cloudflare-style identifier (32 hex characters). */
    public static boolean isIdentifier(String s) {
        return s != null && s.length() == 32 && s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
    }
}
