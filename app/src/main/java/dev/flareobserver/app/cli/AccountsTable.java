package dev.flareobserver.app.cli;

import dev.flareobserver.orchestration.connection.AccountSummary;
import java.util.ArrayList;
import java.util.List;

/** Renders accounts as an aligned text table; pure, so it is tested on plain data. */
final class AccountsTable {

    private AccountsTable() {
    }

    static String render(List<AccountSummary> accounts, AccountSummary current) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "ID", "NAME", "TYPE"});
        for (AccountSummary a : accounts) {
            rows.add(new String[] {a.equals(current) ? "*" : "", nz(a.id()), nz(a.name()), nz(a.type())});
        }
        int[] widths = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(pad(r[i], widths[i]));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
