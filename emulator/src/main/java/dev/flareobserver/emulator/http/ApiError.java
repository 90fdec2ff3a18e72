package dev.flareobserver.emulator.http;

import java.util.List;

/**
 * A v4 error/message object: {@code {code, message}}, optionally with wrangler's {@code error_chain}.
 * Codes are ≥ 1000 as the OpenAPI {@code messages} schema requires.
 */
public record ApiError(int code, String message, List<ApiError> errorChain) {

    public ApiError(int code, String message) {
        this(code, message, null);
    }

    // Codes used by more than one feature. Meanings follow the reference's error-code table;
    // the HTTP status chosen for each is noted where it is thrown.
    public static final int INVALID_API_TOKEN = 1000;
    public static final int BAD_PARAMETER = 1001;
    public static final int RATE_LIMITED = 1015;
    public static final int INVALID_REQUEST_HEADERS = 6003;
    public static final int INVALID_AUTHORIZATION_FORMAT = 6111;
    public static final int METHOD_NOT_ALLOWED = 7001;
    public static final int NO_ROUTE = 7003;
    public static final int UNKNOWN_AUTH_KEY = 9103;
    public static final int AUTHENTICATION_FAILED = 9106;
    public static final int UNAUTHORIZED_RESOURCE = 9109;
    public static final int AUTHENTICATION_ERROR = 10000;
    public static final int INTERNAL_ERROR = 10001;
}
