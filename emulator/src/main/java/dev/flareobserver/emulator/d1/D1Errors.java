package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.http.ApiException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * D1's errors. Confirmed from real answers: SQL errors are HTTP 400 with code 7500 and SQLite's message
 * followed by the result code, e.g. {@code near "SELEC": syntax error at offset 0: SQLITE_ERROR} or
 * {@code UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)};
 * 7400 answers a malformed request ({@code Invalid property: sql => Required}); 7502 a duplicate name and 7406
 * the database limit (wrangler keys on both). The HTTP statuses of 7502/7406 and the not-found code 7404 are
 * unconfirmed.
 */
final class D1Errors {

    static final int MALFORMED = 7400;
    static final int NOT_FOUND = 7404;
    static final int TOO_MANY_DATABASES = 7406;
    static final int SQL = 7500;
    static final int DUPLICATE_NAME = 7502;

    private D1Errors() {
    }

    static ApiException invalid(String property, String problem) {
        return new ApiException(400, MALFORMED, "Invalid property: " + property + " => " + problem);
    }

    static ApiException malformed(String problem) {
        return new ApiException(400, MALFORMED, "The request is malformed: " + problem);
    }

    static ApiException notFound(String id) {
        return new ApiException(404, NOT_FOUND, "The database " + id + " could not be found.");
    }

    static ApiException sql(String message) {
        return new ApiException(400, SQL, message);
    }

    /** SQLite's own words for a refused statement (an authorizer denial). */
    static ApiException notAuthorized() {
        return sql("not authorized: SQLITE_AUTH");
    }

    /**
     * "{message}[ at offset N]: {CODE}[ (extended: {EXTENDED_CODE})]", as D1 words a SQLite failure.
     *
     * @param offset where in the statement the failing token starts, or -1 when SQLite names none
     */
    static ApiException fromSqlite(SQLException e, int offset) {
        Failure f = Failure.of(e);
        StringBuilder message = new StringBuilder(f.message());
        if (offset >= 0) {
            message.append(" at offset ").append(offset);
        }
        message.append(": ").append(f.base());
        if (!f.base().equals(f.extended())) {
            message.append(" (extended: ").append(f.extended()).append(')');
        }
        return sql(message.toString());
    }

    /** SQLite's message and result code names, taken out of sqlite-jdbc's "[CODE] description (message)". */
    record Failure(String message, String base, String extended) {

        static Failure of(SQLException e) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            if (e instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                String prefix = "[" + code.name() + "] " + code.message + " (";
                String message = text.startsWith(prefix) && text.endsWith(")")
                        ? text.substring(prefix.length(), text.length() - 1) : text;
                SQLiteErrorCode base = SQLiteErrorCode.getErrorCode(code.code & 0xff);
                String baseName = base == SQLiteErrorCode.UNKNOWN_ERROR ? code.name() : base.name();
                return new Failure(message, baseName, code.name());
            }
            return new Failure(text, "SQLITE_ERROR", "SQLITE_ERROR");
        }
    }
}
