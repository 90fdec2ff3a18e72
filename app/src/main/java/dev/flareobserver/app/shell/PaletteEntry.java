package dev.flareobserver.app.shell;

import dev.flareobserver.app.page.PageId;
import dev.flareobserver.orchestration.connection.AccountSummary;

/** One line of the command palette: a page to open or an account to switch to. */
public record PaletteEntry(Kind kind, String label, String detail, PageId page, AccountSummary account) {

    public enum Kind { PAGE, ACCOUNT }

    public static PaletteEntry page(PageId page) {
        return new PaletteEntry(Kind.PAGE, page.title(), "Page · Ctrl+" + page.shortcutDigit(), page, null);
    }

    public static PaletteEntry account(AccountSummary account) {
        return new PaletteEntry(Kind.ACCOUNT, account.label(), "Account · " + account.id(), null, account);
    }

    /** Case-insensitive match of every word of the query against the label and detail. */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = (label + " " + detail + " " + kind).toLowerCase(java.util.Locale.ROOT);
        for (String word : query.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
