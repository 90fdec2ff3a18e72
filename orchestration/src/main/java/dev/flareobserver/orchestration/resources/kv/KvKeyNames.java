package dev.flareobserver.orchestration.resources.kv;

/**
 * How a key name is shown to a person. Keys may hold anything Unicode allows, including characters that would
 * hide or disguise text: control characters, bidirectional overrides, zero-width characters, unpaired
 * surrogates and U+FFFD (what bytes that are not UTF-8 become). Those are shown as visible escapes
 * ({@code \u202E}, {@code \x07}); everything else as is.
 */
public final class KvKeyNames {

    private KvKeyNames() {
    }

    public static String forDisplay(String key) {
        if (key == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < key.length(); ) {
            int cp = key.codePointAt(i);
            int next = i + Character.charCount(cp);
            String escape = escape(cp);
            if (escape != null && out == null) {
                out = new StringBuilder(key.length() + 8).append(key, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(key, i, next);
                }
            }
            i = next;
        }
        return out == null ? key : out.toString();
    }

    /** True when {@link #forDisplay} changes the key (the UI then also offers the raw form). */
    public static boolean needsEscaping(String key) {
        return !forDisplay(key).equals(key);
    }

    /** The visible form of a code point that must not be shown as is (an unpaired surrogate comes alone); else null. */
    private static String escape(int cp) {
        if (cp < 0x20 || cp == 0x7f) {
            return String.format("\\x%02X", cp);
        }
        if (Character.getType(cp) == Character.SURROGATE || hidden(cp)) {
            return cp > 0xFFFF ? String.format("\\u{%X}", cp) : String.format("\\u%04X", cp);
        }
        return null;
    }

    /** Characters that render as nothing, reorder text, or stand for undecodable bytes. */
    private static boolean hidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || cp == 0xFFFD || (Character.isWhitespace(cp) && cp != ' ');
    }
}
