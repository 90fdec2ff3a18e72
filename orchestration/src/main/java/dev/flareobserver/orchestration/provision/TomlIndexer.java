package dev.flareobserver.orchestration.provision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds where the tables and keys of a TOML text are ({@link ConfigIndex}). Jackson's TOML reader keeps no
 * locations past a syntax error, so this small scanner walks the (already validated) text once: headers,
 * dotted keys, strings of all four kinds, arrays and inline tables. It is not a validator.
 */
final class TomlIndexer {

    private final String text;
    private final ConfigIndex index = new ConfigIndex();
    private final Map<String, Integer> arrayCounts = new HashMap<>();
    private int pos;

    private TomlIndexer(String text) {
        this.text = text;
    }

    static ConfigIndex index(String text) {
        TomlIndexer scanner = new TomlIndexer(text);
        scanner.document();
        return scanner.index;
    }

    private void document() {
        ConfigIndex.Table current = new ConfigIndex.Table("", 0, 1, 1, false);
        index.add(current);
        while (true) {
            skipBlank(true);
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '[') {
                int start = pos;
                boolean arrayTable = text.startsWith("[[", pos);
                pos += arrayTable ? 2 : 1;
                String path = String.join(".", keyPath(']'));
                pos = Math.min(text.length(), pos + (arrayTable ? 2 : 1));
                if (arrayTable) {
                    int n = arrayCounts.merge(path, 1, Integer::sum) - 1;
                    path = ConfigIndex.element(path, n);
                }
                int[] lc = ConfigIndex.lineColumn(text, start);
                current = new ConfigIndex.Table(path, start, lc[0], lc[1], false);
                index.add(current);
                skipToNextLine();
                current.end = pos;
            } else {
                keyValue(current);
                skipToNextLine();
                current.end = pos;
            }
        }
    }

    /** {@code key = value} inside {@code table}; dotted keys are paths below it. */
    private void keyValue(ConfigIndex.Table table) {
        int keyStart = pos;
        List<String> key = keyPath('=');
        pos++; // '='
        skipBlank(false);
        String path = table.path;
        for (String k : key) {
            path = ConfigIndex.child(path, k);
        }
        int valueStart = pos;
        value(path);
        int[] lc = ConfigIndex.lineColumn(text, keyStart);
        index.add(table, String.join(".", key), new ConfigIndex.Entry(path, lc[0], lc[1], valueStart, pos));
    }

    private void value(String path) {
        if (pos >= text.length()) {
            return;
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            string();
        } else if (c == '[') {
            pos++;
            int i = 0;
            while (true) {
                skipBlank(true);
                if (pos >= text.length() || text.charAt(pos) == ']') {
                    pos++;
                    return;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                value(ConfigIndex.element(path, i++));
            }
        } else if (c == '{') {
            int[] lc = ConfigIndex.lineColumn(text, pos);
            ConfigIndex.Table table = new ConfigIndex.Table(path, pos, lc[0], lc[1], true);
            index.add(table);
            pos++;
            while (true) {
                skipBlank(false);
                if (pos >= text.length() || text.charAt(pos) == '}') {
                    table.end = pos;
                    pos++;
                    return;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                keyValue(table);
            }
        } else {
            while (pos < text.length() && ",]}\n\r#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            while (pos > 0 && Character.isWhitespace(text.charAt(pos - 1))) {
                pos--;
            }
        }
    }

    /** Dotted key parts up to (not past) {@code stop}. */
    private List<String> keyPath(char stop) {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipBlank(false);
            if (pos >= text.length() || text.charAt(pos) == stop) {
                return parts;
            }
            char c = text.charAt(pos);
            if (c == '.') {
                pos++;
            } else if (c == '"' || c == '\'') {
                int start = pos;
                string();
                parts.add(text.substring(start + 1, pos - 1));
            } else {
                int start = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '_' || text.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos == start) {
                    pos++; // not a key character: step over it rather than loop
                } else {
                    parts.add(text.substring(start, pos));
                }
            }
        }
    }

    private void string() {
        char quote = text.charAt(pos);
        String triple = String.valueOf(quote).repeat(3);
        if (text.startsWith(triple, pos)) {
            pos += 3;
            while (pos < text.length() && !text.startsWith(triple, pos)) {
                pos += quote == '"' && text.charAt(pos) == '\\' ? 2 : 1;
            }
            pos += 3;
            // A closing run may carry up to two more quotes that belong to the content.
            while (pos < text.length() && text.charAt(pos) == quote) {
                pos++;
            }
            return;
        }
        pos++;
        while (pos < text.length() && text.charAt(pos) != quote && text.charAt(pos) != '\n') {
            pos += quote == '"' && text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    /** Spaces, tabs, comments and (when {@code newlines}) line ends. */
    private void skipBlank(boolean newlines) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /** Past the rest of this line (trailing spaces and comment) and its line end. */
    private void skipToNextLine() {
        skipBlank(false);
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
    }
}
