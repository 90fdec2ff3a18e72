package dev.flareobserver.app.page.d1;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's parameter field: values separated by commas, bound to the SQL's {@code ?} in order. A value in
 * double quotes may hold commas and spaces ({@code "a, b"}); {@code ""} inside quotes is one quote; an empty
 * field is no parameters, and {@code ""} is one empty text.
 */
final class D1ParameterText {

    private D1ParameterText() {
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                value.setLength(0);
            } else if (c == ',') {
                out.add(wasQuoted ? value.toString() : value.toString().trim());
                value.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted) {
                value.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("A quoted parameter is not closed: add the closing \".");
        }
        out.add(wasQuoted ? value.toString() : value.toString().trim());
        return out;
    }

    /** The inverse, for the history: quotes what needs it. */
    static String format(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            boolean quote = v.isEmpty() || v.contains(",") || v.contains("\"") || !v.equals(v.trim());
            out.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        return out.toString();
    }
}
