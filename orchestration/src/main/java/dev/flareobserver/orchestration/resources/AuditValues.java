package dev.flareobserver.orchestration.resources;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a value is written into the audit trail: readable text when it is short UTF-8, else a fingerprint. */
public final class AuditValues {

    /** Longer text is cut here: the trail is for a person, not a backup. */
    static final int MAX_TEXT = 4096;

    private AuditValues() {
    }

    /** Null stays null ("did not exist"); UTF-8 text up to 4 KiB is kept; anything else is size + SHA-256. */
    public static String describe(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            if (text.length() <= MAX_TEXT && text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException binary) {
            // described below
        }
        return "<" + value.length + " bytes, sha256 " + sha256(value) + ">";
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
