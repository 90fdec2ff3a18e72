package dev.flareobserver.emulator.registry;

import dev.flareobserver.emulator.state.Ids;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/** OCI content digests; only {@code sha256} is accepted (what Jib, skopeo and docker send). */
public final class Digests {

    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    private Digests() {
    }

    public static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    public static String of(byte[] content) {
        return "sha256:" + Ids.hex(sha256().digest(content), 32);
    }

    public static String of(MessageDigest finished) {
        return "sha256:" + Ids.hex(finished.digest(), 32);
    }
}
