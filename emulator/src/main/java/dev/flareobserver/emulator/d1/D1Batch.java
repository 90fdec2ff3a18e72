package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.http.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the statements of one query, in order, inside the caller's transaction, and measures each as D1
 * reports it in {@code meta}. SQLite does not count rows read, so {@code rows_read} is estimated from the query
 * plan: every table the plan scans counts in full, index lookups count what they returned; {@code rows_written}
 * counts each changed row once per index of its table, as D1's "including indices" does.
 */
final class D1Batch {

    /** D1's limits: "Maximum SQL statement length" and "Maximum bound parameters per query". */
    static final int MAX_SQL_BYTES = 100_000;
    static final int MAX_PARAMS = 100;

    /** What D1 lets a query change or read with PRAGMA (its documented list); anything else is not authorised. */
    private static final Set<String> PRAGMAS = Set.of("table_list", "table_info", "table_xinfo", "index_list",
            "index_info", "index_xinfo", "foreign_key_list", "foreign_key_check", "foreign_keys", "defer_foreign_keys",
            "case_sensitive_like", "ignore_check_constraints", "legacy_alter_table", "recursive_triggers",
            "reverse_unordered_selects", "integrity_check", "quick_check", "optimize", "page_count", "max_page_count",
            "freelist_count");
    private static final Pattern NEAR = Pattern.compile("near \"(.+)\": syntax error");
    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("no such column: (.+)");

    record Meta(double duration, long rowsRead, long rowsWritten, long changes, long lastRowId, boolean changedDb,
                long sizeAfter) {
    }

    /** One statement's answer: its columns and rows (empty for statements that return none) and its meta. */
    record Result(List<String> columns, List<Object[]> rows, Meta meta) {
    }

    private D1Batch() {
    }

    /** Refuses, before anything runs, what D1 does not allow: files, vacuum, transactions, most pragmas. */
    static void check(List<D1Sql.Statement> statements) {
        for (D1Sql.Statement s : statements) {
            switch (s.keyword()) {
                case "ATTACH", "DETACH", "VACUUM" -> throw D1Errors.notAuthorized();
                case "BEGIN", "SAVEPOINT", "COMMIT", "END", "ROLLBACK", "RELEASE" ->
                    // D1 runs on Durable Object SQLite, which answers SQL transactions with this.
                        throw D1Errors.sql("To execute a transaction, please use the state.storage.transaction() or"
                                + " state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or"
                                + " SAVEPOINT statements. The JavaScript API is safer because it will automatically"
                                + " roll back on exceptions, and because it interacts correctly with Durable Objects'"
                                + " automatic atomic write coalescing.");
                case "PRAGMA" -> {
                    String name = pragmaName(s);
                    if (!PRAGMAS.contains(name)) {
                        throw D1Errors.notAuthorized();
                    }
                }
                default -> {
                }
            }
        }
    }

    /** {@code PRAGMA main.table_info(t)} -> "table_info". */
    private static String pragmaName(D1Sql.Statement s) {
        List<D1Sql.Token> t = s.tokens();
        int i = t.size() > 3 && t.get(2).text().equals(".") ? 3 : 1;
        return i < t.size() ? t.get(i).text().toLowerCase(Locale.ROOT) : "";
    }

    static List<Result> run(Connection c, List<D1Sql.Statement> statements, List<Object> params) {
        List<Result> out = new ArrayList<>();
        int used = 0;
        for (D1Sql.Statement s : statements) {
            PreparedStatement ps;
            try {
                ps = c.prepareStatement(s.text());
            } catch (SQLException e) {
                throw D1Errors.fromSqlite(e, offset(c, s, e));
            }
            try (ps) {
                int needed = ps.getParameterMetaData().getParameterCount();
                if (needed > MAX_PARAMS) {
                    throw D1Errors.sql("too many SQL variables (" + needed + "; D1 allows " + MAX_PARAMS
                            + " bound parameters per query): SQLITE_ERROR");
                }
                if (used + needed > params.size()) {
                    throw wrongBindings();
                }
                List<Object> mine = params.subList(used, used + needed);
                used += needed;
                bind(ps, mine);
                out.add(execute(c, s, ps, mine));
            } catch (SQLException e) {
                throw D1Errors.fromSqlite(e, -1);
            }
        }
        if (used != params.size()) {
            throw wrongBindings();
        }
        return out;
    }

    private static Result execute(Connection c, D1Sql.Statement s, PreparedStatement ps, List<Object> params)
            throws SQLException {
        boolean readOnly = s.isReadOnly();
        long[] plan = readOnly && s.keyword().equals("PRAGMA") ? new long[2] : plan(c, s, params);
        long changesBefore = changesAndRowId(c)[0];
        long schemaBefore = readOnly ? 0 : D1Instance.pragma(c, "schema_version");
        long started = System.nanoTime();
        List<String> columns = List.of();
        List<Object[]> rows = new ArrayList<>();
        if (ps.execute()) {
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String> names = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    names.add(md.getColumnLabel(i));
                }
                columns = names;
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rs.getObject(i + 1);
                        row[i] = v instanceof Integer small ? Long.valueOf(small) : v;
                    }
                    rows.add(row);
                }
            }
        }
        double millis = (System.nanoTime() - started) / 1e6;
        long[] after = changesAndRowId(c);
        long changes = after[0] - changesBefore;
        boolean schemaChanged = !readOnly && D1Instance.pragma(c, "schema_version") != schemaBefore;
        long returned = rows.size();
        long rowsRead = Math.max(returned, plan[0] + (plan[1] > 0 ? Math.max(returned, changes) : 0));
        String table = s.writtenTable();
        long rowsWritten = changes * (1 + (table == null ? 0 : indexCount(c, table))) + (schemaChanged ? 1 : 0);
        Meta meta = new Meta(millis, rowsRead, rowsWritten, changes, after[1], changes > 0 || schemaChanged,
                D1Instance.size(c));
        return new Result(columns, rows, meta);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else if (v instanceof Number n) {
                // D1 binds JSON numbers as REAL; an INTEGER column still stores a whole number as an integer.
                ps.setDouble(i + 1, n.doubleValue());
            } else if (v instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setString(i + 1, v.toString());
            }
        }
    }

    /** Message unconfirmed: D1's Worker binding words a count mismatch so. */
    private static ApiException wrongBindings() {
        return D1Errors.sql("Wrong number of parameter bindings for SQL query.");
    }

    /** total_changes() and last_insert_rowid() of the connection. */
    private static long[] changesAndRowId(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT total_changes(), last_insert_rowid()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** {rows of the tables the plan scans in full, number of index lookups}; {0, 0} when there is no plan. */
    private static long[] plan(Connection c, D1Sql.Statement s, List<Object> params) {
        long scanned = 0;
        long searches = 0;
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + s.text())) {
            bind(p, params);
            List<String> details = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    details.add(rs.getString(rs.getMetaData().getColumnCount()));
                }
            }
            for (String detail : details) {
                String[] words = detail.split(" ");
                if (words[0].equals("SCAN") && words.length > 1 && !detail.startsWith("SCAN CONSTANT")) {
                    String table = tableOf(c, s, words[1]);
                    if (table != null) {
                        scanned += rowCount(c, table);
                    }
                } else if (words[0].equals("SEARCH")) {
                    searches++;
                }
            }
        } catch (SQLException e) {
            // No plan (DDL, or a statement the plan cannot describe): nothing is estimated.
        }
        return new long[] {scanned, searches};
    }

    /** The table a plan's name stands for: itself, or the table it aliases in the statement; null for a CTE. */
    private static String tableOf(Connection c, D1Sql.Statement s, String name) throws SQLException {
        if (isTable(c, name)) {
            return name;
        }
        List<D1Sql.Token> t = s.tokens();
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).name().equalsIgnoreCase(name)) {
                int before = t.get(i - 1).upper().equals("AS") ? i - 2 : i - 1;
                if (before >= 0 && isTable(c, t.get(before).name())) {
                    return t.get(before).name();
                }
            }
        }
        return null;
    }

    private static boolean isTable(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long rowCount(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + D1Sql.quote(table))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long indexCount(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ? COLLATE NOCASE")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Where SQLite's error points, as {@code sqlite3_error_offset} would say (sqlite-jdbc does not expose it):
     * for a syntax error, the first occurrence of the named token whose prefix of the statement fails the same
     * way; for an unknown column, where the name first appears. -1 when SQLite names no token (D1 then prints
     * no offset, e.g. for "no such table").
     */
    static int offset(Connection c, D1Sql.Statement s, SQLException e) {
        String message = D1Errors.Failure.of(e).message();
        Matcher near = NEAR.matcher(message);
        if (near.matches()) {
            String token = near.group(1);
            for (D1Sql.Token t : s.tokens()) {
                if (!s.text().startsWith(token, t.offset())) {
                    continue;
                }
                try (PreparedStatement p = c.prepareStatement(s.text().substring(0, t.offset() + token.length()))) {
                    // this prefix parses: the error lies further on
                } catch (SQLException again) {
                    if (D1Errors.Failure.of(again).message().equals(message)) {
                        return t.offset();
                    }
                }
            }
            return -1;
        }
        Matcher column = NO_SUCH_COLUMN.matcher(message);
        if (column.matches()) {
            String first = column.group(1).split("\\.")[0];
            return s.tokens().stream().filter(t -> t.name().equalsIgnoreCase(first)).mapToInt(D1Sql.Token::offset)
                    .findFirst().orElse(-1);
        }
        return -1;
    }
}
