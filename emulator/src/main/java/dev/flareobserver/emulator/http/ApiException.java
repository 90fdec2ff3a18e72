package dev.flareobserver.emulator.http;

import java.util.List;

/** Thrown by handlers to answer with the v4 failure envelope; {@link Envelope} writes it. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<ApiError> errors;

    public ApiException(int status, List<ApiError> errors) {
        super(status + " " + errors, null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("A failure needs at least one error");
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, int code, String message) {
        this(status, List.of(new ApiError(code, message)));
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }

    public static ApiException badParameter(String name, String problem) {
        // Cloudflare's code for a bad query parameter varies by product; 1001 is unconfirmed.
        return new ApiException(400, ApiError.BAD_PARAMETER, "Invalid value for '" + name + "': " + problem);
    }
}
