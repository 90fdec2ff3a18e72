package dev.flareobserver.emulator.d1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits the {@code sql} of a query into its statements, as D1 does for a batch, and says what each is.
 * Quotes ({@code '..'}, {@code ".."}, {@code `..`}, {@code [..]}) and comments hide semicolons; so does a
 * trigger body ({@code CREATE TRIGGER ... BEGIN ...; END}).
 */
final class D1Sql {

    /** One statement: its text (trimmed), where it starts in the whole SQL, and its tokens. */
    record Statement(String text, int start, List<Token> tokens) {

        /** The first word, upper-cased ("SELECT", "INSERT", ...); "" for none. */
        String keyword() {
            return tokens.isEmpty() ? "" : tokens.get(0).upper();
        }

        /**
         * Whether it cannot change the database: SELECT, VALUES, EXPLAIN, a WITH whose main statement is a
         * SELECT, and PRAGMA without an assignment. Anything else is treated as a write.
         */
        boolean isReadOnly() {
            return switch (keyword()) {
                case "SELECT", "VALUES", "EXPLAIN" -> true;
                case "PRAGMA" -> tokens.stream().noneMatch(t -> t.text().equals("="));
                case "WITH" -> mainKeywordAfterWith().equals("SELECT") || mainKeywordAfterWith().equals("VALUES");
                default -> false;
            };
        }

        /** The statement a WITH introduces: the first SELECT/INSERT/... outside the common table expressions. */
        String mainKeywordAfterWith() {
            for (Token t : tokens) {
                if (t.depth() == 0 && MAIN_KEYWORDS.contains(t.upper())) {
                    return t.upper();
                }
            }
            return "";
        }

        /** The table an INSERT / REPLACE / UPDATE / DELETE writes to, or null. */
        String writtenTable() {
            String first = keyword().equals("WITH") ? mainKeywordAfterWith() : keyword();
            for (int i = 0; i < tokens.size() - 1; i++) {
                Token t = tokens.get(i);
                if (t.depth() != 0) {
                    continue;
                }
                boolean into = (first.equals("INSERT") || first.equals("REPLACE")) && t.upper().equals("INTO");
                boolean from = first.equals("DELETE") && t.upper().equals("FROM");
                boolean update = first.equals("UPDATE") && t.upper().equals("UPDATE");
                if (into || from || update) {
                    int next = i + 1;
                    if (update && next < tokens.size() && tokens.get(next).upper().equals("OR")) {
                        next += 2; // UPDATE OR REPLACE t
                    }
                    return next < tokens.size() ? tokens.get(next).name() : null;
                }
            }
            return null;
        }
    }

    /** A word, a quoted name, a literal or a symbol, with its offset in the statement and its parenthesis depth. */
    record Token(String text, int offset, int depth, boolean quotedName) {

        String upper() {
            return quotedName ? text : text.toUpperCase(Locale.ROOT);
        }

        /** The identifier it names, without quotes. */
        String name() {
            return text;
        }
    }

    private static final Set<String> MAIN_KEYWORDS = Set.of("SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE", "DELETE");

    private D1Sql() {
    }

    /** The statements of {@code sql}, empty ones (";;", comments only) left out. */
    static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int start = -1;
        int depth = 0;
        int blocks = 0; // BEGIN/CASE ... END nesting inside a trigger body
        boolean trigger = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == ';' && blocks == 0) {
                out.add(new Statement(sql.substring(start, i).trim(), start, shift(tokens, start)));
                tokens = new ArrayList<>();
                start = -1;
                depth = 0;
                trigger = false;
                i++;
                continue;
            }
            int end;
            boolean quotedName = false;
            String text;
            if (c == '\'' || c == '"' || c == '`') {
                end = closing(sql, i, c);
                quotedName = c != '\'';
                text = quotedName ? sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("" + c + c, "" + c)
                        : sql.substring(i, end);
            } else if (c == '[') {
                int close = sql.indexOf(']', i);
                end = close < 0 ? n : close + 1;
                quotedName = true;
                text = sql.substring(i + 1, Math.max(i + 1, end - 1));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '?' || c == ':' || c == '@') {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$' || sql.charAt(end) == '.' && Character.isDigit(c))) {
                    end++;
                }
                text = sql.substring(i, end);
            } else {
                end = i + 1;
                text = String.valueOf(c);
            }
            if (text.equals("(")) {
                depth++;
            }
            tokens.add(new Token(text, i, text.equals("(") ? depth - 1 : depth, quotedName));
            if (text.equals(")")) {
                depth = Math.max(0, depth - 1);
            }
            if (!quotedName) {
                String upper = text.toUpperCase(Locale.ROOT);
                if (upper.equals("TRIGGER") && tokens.size() <= 4 && tokens.get(0).upper().equals("CREATE")) {
                    trigger = true;
                } else if (trigger && (upper.equals("BEGIN") || upper.equals("CASE"))) {
                    blocks++;
                } else if (trigger && upper.equals("END") && blocks > 0) {
                    blocks--;
                }
            }
            i = end;
        }
        if (start >= 0 && !tokens.isEmpty()) {
            out.add(new Statement(sql.substring(start).trim(), start, shift(tokens, start)));
        }
        out.removeIf(s -> s.tokens().isEmpty());
        return out;
    }

    /** Offsets relative to the statement's start (what an error offset counts from). */
    private static List<Token> shift(List<Token> tokens, int start) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            out.add(new Token(t.text(), t.offset() - start, t.depth(), t.quotedName()));
        }
        return List.copyOf(out);
    }

    /** The index after the closing quote ({@code ''} inside is an escaped quote); the end for an open one. */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** {@code "name"} with inner quotes doubled: safe to splice into SQL. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
