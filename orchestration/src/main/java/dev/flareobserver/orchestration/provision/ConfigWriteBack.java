package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes ids into a config as a minimal textual edit: an existing id value is replaced, a missing id line is
 * inserted next to its entry's other keys with the same indentation. Every other character (comments, order,
 * blank lines, line ends) stays as it was.
 */
public final class ConfigWriteBack {

    /** Set {@code field} of the binding entry at {@code entryPath} ({@code kv_namespaces[0]}) to {@code value}. */
    public record IdEdit(String entryPath, String field, String value) {

        public IdEdit {
            Objects.requireNonNull(entryPath, "entryPath");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    private record Splice(int at, int removeTo, String insert) {
    }

    private ConfigWriteBack() {
    }

    /** The config's text with the edits made. An entry the config does not have is an error (nothing is edited). */
    public static String edit(WranglerConfig config, List<IdEdit> edits) {
        String text = config.text();
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<Splice> splices = new ArrayList<>();
        for (IdEdit edit : edits) {
            ConfigIndex.Table table = config.index().table(edit.entryPath());
            if (table == null) {
                throw new IllegalArgumentException("The config has no entry " + edit.entryPath());
            }
            splices.addAll(config.format() == ConfigFormat.TOML ? toml(text, eol, table, edit) : jsonc(text, eol, table, edit));
        }
        StringBuilder out = new StringBuilder(text);
        splices.sort(Comparator.comparingInt(Splice::at).reversed());
        for (Splice s : splices) {
            out.replace(s.at(), s.removeTo(), s.insert());
        }
        return out.toString();
    }

    private static List<Splice> toml(String text, String eol, ConfigIndex.Table table, IdEdit edit) {
        String value = "\"" + edit.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        ConfigIndex.Entry existing = table.entries.get(edit.field());
        if (existing != null) {
            return List.of(new Splice(existing.valueStart(), existing.valueEnd(), value));
        }
        String pair = edit.field() + " = " + value;
        ConfigIndex.Entry last = table.lastEntry();
        if (table.braced) {
            return last == null ? List.of(new Splice(table.end, table.end, " " + pair + " "))
                    : List.of(new Splice(last.valueEnd(), last.valueEnd(), ", " + pair));
        }
        String indent = last == null ? "" : indentOf(text, last.valueStart());
        boolean needsBreak = table.end > 0 && text.charAt(table.end - 1) != '\n';
        return List.of(new Splice(table.end, table.end, (needsBreak ? eol : "") + indent + pair + eol));
    }

    private static List<Splice> jsonc(String text, String eol, ConfigIndex.Table table, IdEdit edit) {
        String value = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(edit.value())) + "\"";
        ConfigIndex.Entry existing = table.entries.get(edit.field());
        if (existing != null) {
            return List.of(new Splice(existing.valueStart(), existing.valueEnd(), value));
        }
        String pair = "\"" + edit.field() + "\": " + value;
        ConfigIndex.Entry last = table.lastEntry();
        if (last == null) {
            return List.of(new Splice(table.end, table.end, " " + pair + " "));
        }
        int lineEnd = text.indexOf('\n', last.valueEnd());
        lineEnd = lineEnd < 0 ? text.length() : (lineEnd > 0 && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd);
        if (lineEnd > table.end) {
            // The object closes on the last value's line: stay on that line.
            return List.of(new Splice(last.valueEnd(), last.valueEnd(), ", " + pair));
        }
        String indent = indentOf(text, last.valueStart());
        int after = last.valueEnd();
        while (after < lineEnd && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        if (after < lineEnd && text.charAt(after) == ',') {
            // The file ends entries with a comma (a trailing comma after the last one): keep that style.
            return List.of(new Splice(lineEnd, lineEnd, eol + indent + pair + ","));
        }
        if (lineEnd == last.valueEnd()) {
            return List.of(new Splice(lineEnd, lineEnd, "," + eol + indent + pair));
        }
        // A comment follows the last value: the comma goes before it, the new key after it.
        return List.of(new Splice(last.valueEnd(), last.valueEnd(), ","),
                new Splice(lineEnd, lineEnd, eol + indent + pair));
    }

    /** The spaces and tabs that start the line holding {@code offset}. */
    private static String indentOf(String text, int offset) {
        int start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(start, end);
    }
}
