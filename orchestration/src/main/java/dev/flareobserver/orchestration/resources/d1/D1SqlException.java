package dev.flareobserver.orchestration.resources.d1;

/**
 * D1 refused the SQL (HTTP 400): a syntax error, an unknown table or column, a constraint, a statement D1
 * does not allow. {@link #getMessage()} is D1's own words, e.g.
 * {@code near "SELEC": syntax error at offset 0: SQLITE_ERROR}; nothing was changed.
 */
public final class D1SqlException extends RuntimeException {

    private final int code;

    public D1SqlException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Cloudflare's error code (7500 for SQL errors). */
    public int code() {
        return code;
    }
}
