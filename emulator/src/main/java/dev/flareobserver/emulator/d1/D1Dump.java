package dev.flareobserver.emulator.d1;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * A database as SQL text, as D1's export makes it: the tables' {@code CREATE} statements, one {@code INSERT} per
 * row, then indexes, views and triggers. {@code noSchema} leaves the definitions out, {@code noData} the rows;
 * {@code tables} (empty = all) limits both.
 */
final class D1Dump {

    record Options(boolean noData, boolean noSchema, Set<String> tables) {
    }

    private D1Dump() {
    }

    /** Writes the dump; {@code progress} is told the rows written so far, every 10,000. */
    static long write(Connection c, Options options, Writer out, LongConsumer progress) throws SQLException, IOException {
        List<String[]> objects = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql"
                + " FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1"
                + " WHEN 'view' THEN 2 ELSE 3 END, rowid")) {
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        out.write("PRAGMA defer_foreign_keys=TRUE;\n");
        long rows = 0;
        for (String[] o : objects) {
            boolean wanted = options.tables().isEmpty() || options.tables().contains(o[2]);
            if (!wanted) {
                continue;
            }
            if (!options.noSchema()) {
                out.write(o[3]);
                out.write(";\n");
            }
            if (o[0].equals("table") && !options.noData()) {
                rows = rows(c, o[1], out, rows, progress);
            }
        }
        return rows;
    }

    private static long rows(Connection c, String table, Writer out, long done, LongConsumer progress)
            throws SQLException, IOException {
        String quoted = D1Sql.quote(table);
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + quoted); ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.write("INSERT INTO ");
                out.write(quoted);
                out.write(" VALUES(");
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        out.write(',');
                    }
                    out.write(literal(rs.getObject(i)));
                }
                out.write(");\n");
                if (++done % 10_000 == 0) {
                    progress.accept(done);
                }
            }
        }
        return done;
    }

    /** A value as an SQL literal SQLite reads back to the same value. */
    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] blob) {
            return "X'" + HexFormat.of().withUpperCase().formatHex(blob) + "'";
        }
        if (v instanceof Double d) {
            return d.isInfinite() ? (d > 0 ? "9e999" : "-9e999") : Double.toString(d);
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }
}
