package dev.flareobserver.orchestration.resources.d1;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The statements of an SQL text as D1 will run them, read before anything is sent: where each one is, how
 * many parameters it binds, and whether it can change the database.
 *
 * <p>How a writing query is told apart (so that read-only mode refuses it and the audit trail records it): a
 * statement reads only if it is a SELECT, VALUES or EXPLAIN, a WITH whose main statement is a SELECT, or a
 * PRAGMA that assigns nothing and is either a plain query ({@code PRAGMA foreign_keys}) or one of the
 * introspection pragmas ({@code PRAGMA table_info(t)}). Everything else (INSERT, UPDATE, DELETE, REPLACE,
 * CREATE, DROP, ALTER, PRAGMA x = y, PRAGMA optimize, ...) counts as a write, including what D1 would refuse;
 * except a statement that does not start with one of SQLite's statement keywords (a typo such as "SELEC"):
 * SQLite refuses it as a syntax error before running anything, so sending it cannot change the database and
 * the user gets D1's own error.
 */
public final class D1Statements {

    /**
     * One statement.
     *
     * @param text         its text, from its first token to the end of its last one
     * @param start        where it starts in the whole SQL
     * @param keyword      its first word, upper-cased ("SELECT", "INSERT", ...)
     * @param parameters   how many values it binds ({@code ?}, {@code ?NNN}, {@code :name}, {@code @name}, {@code $name})
     * @param readOnly     whether it cannot change the database (see the class comment)
     */
    public record Statement(String text, int start, String keyword, int parameters, boolean readOnly) {
    }

    private static final Set<String> INTROSPECTION_PRAGMAS = Set.of("table_info", "table_xinfo", "table_list",
            "index_list", "index_info", "index_xinfo", "foreign_key_list", "foreign_key_check", "integrity_check",
            "quick_check");
    /** The words an SQLite statement can start with (its grammar's "sql-stmt"). */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("ALTER", "ANALYZE", "ATTACH", "BEGIN", "COMMIT",
            "CREATE", "DELETE", "DETACH", "DROP", "END", "EXPLAIN", "INSERT", "PRAGMA", "REINDEX", "RELEASE", "REPLACE",
            "ROLLBACK", "SAVEPOINT", "SELECT", "UPDATE", "VACUUM", "VALUES", "WITH");
    private static final Set<String> MAIN_STATEMENTS = Set.of("SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE",
            "DELETE");

    private D1Statements() {
    }

    /** The statements of {@code sql} in order; an empty list when it holds only blanks, comments and semicolons. */
    public static List<Statement> split(String sql) {
        List<Statement> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        Set<String> named = new HashSet<>();
        int start = -1;
        int lastEnd = 0;
        int depth = 0;
        int positional = 0;
        int numbered = 0;
        int block = 0;
        boolean trigger = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int next = i + 1;
            if (Character.isWhitespace(c)) {
                i = next;
                continue;
            }
            if (c == '-' && sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? sql.length() : eol + 1;
                continue;
            }
            if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
                continue;
            }
            if (c == ';' && block == 0) {
                if (start >= 0) {
                    out.add(statement(sql.substring(start, lastEnd), start, words, depths,
                            Math.max(positional, numbered) + named.size()));
                }
                start = -1;
                words.clear();
                depths.clear();
                named.clear();
                depth = 0;
                positional = 0;
                numbered = 0;
                trigger = false;
                i = next;
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                next = i + 1;
                while (next < sql.length()) {
                    if (sql.charAt(next) == close) {
                        if (close != ']' && next + 1 < sql.length() && sql.charAt(next + 1) == close) {
                            next += 2;
                            continue;
                        }
                        next++;
                        break;
                    }
                    next++;
                }
                if (c != '\'') {
                    words.add("\"");
                    depths.add(depth);
                }
            } else if (c == '?') {
                while (next < sql.length() && Character.isDigit(sql.charAt(next))) {
                    next++;
                }
                if (next == i + 1) {
                    positional++;
                    numbered = Math.max(numbered, positional);
                } else {
                    numbered = Math.max(numbered, Integer.parseInt(sql.substring(i + 1, Math.min(next, i + 7))));
                    positional = numbered;
                }
            } else if ((c == ':' || c == '@' || c == '$') && next < sql.length() && isWordChar(sql.charAt(next))) {
                while (next < sql.length() && isWordChar(sql.charAt(next))) {
                    next++;
                }
                named.add(sql.substring(i, next));
            } else if (isWordChar(c)) {
                while (next < sql.length() && isWordChar(sql.charAt(next))) {
                    next++;
                }
                String word = sql.substring(i, next).toUpperCase(Locale.ROOT);
                words.add(word);
                depths.add(depth);
                if (word.equals("TRIGGER") && !words.isEmpty() && words.get(0).equals("CREATE")) {
                    trigger = true;
                } else if (trigger && (word.equals("BEGIN") || word.equals("CASE"))) {
                    block++;
                } else if (trigger && word.equals("END") && block > 0) {
                    block--;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
                words.add(String.valueOf(c));
                depths.add(depth);
            }
            i = next;
            lastEnd = next;
        }
        if (start >= 0) {
            out.add(statement(sql.substring(start, lastEnd), start, words, depths,
                    Math.max(positional, numbered) + named.size()));
        }
        return List.copyOf(out);
    }

    /** Whether any statement of {@code sql} can change the database. */
    public static boolean writes(String sql) {
        return split(sql).stream().anyMatch(s -> !s.readOnly());
    }

    private static Statement statement(String text, int start, List<String> words, List<Integer> depths,
                                       int parameters) {
        String keyword = words.isEmpty() ? "" : words.get(0);
        return new Statement(text, start, keyword, parameters, readOnly(keyword, words, depths));
    }

    private static boolean readOnly(String keyword, List<String> words, List<Integer> depths) {
        return switch (keyword) {
            case "SELECT", "VALUES", "EXPLAIN" -> true;
            case "WITH" -> {
                for (int i = 1; i < words.size(); i++) {
                    if (depths.get(i) == 0 && MAIN_STATEMENTS.contains(words.get(i))) {
                        yield words.get(i).equals("SELECT") || words.get(i).equals("VALUES");
                    }
                }
                yield false;
            }
            case "PRAGMA" -> {
                int name = words.size() > 3 && words.get(2).equals(".") ? 3 : 1;
                String pragma = name < words.size() ? words.get(name).toLowerCase(Locale.ROOT) : "";
                boolean assigns = words.contains("=");
                boolean hasArgument = words.contains("(");
                yield !assigns && !pragma.equals("optimize")
                        && (!hasArgument || INTROSPECTION_PRAGMAS.contains(pragma));
            }
            default -> !STATEMENT_KEYWORDS.contains(keyword);
        };
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
