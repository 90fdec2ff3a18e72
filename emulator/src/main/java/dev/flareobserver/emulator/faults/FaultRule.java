package dev.flareobserver.emulator.faults;

import dev.flareobserver.emulator.http.ApiError;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One fault to inject: which requests ({@code method}, null = any; {@code path}, a glob or regex over
 * the path after {@code /client/v4}, see {@link PathPattern}), what happens ({@code kind} and its
 * parameters), and for how long ({@code count} requests and/or {@code durationMs}; neither = until cleared).
 * The JSON form used by {@code POST /__emulator/faults} has the same fields in snake_case.
 */
public record FaultRule(String method, String path, FaultKind kind, Integer status, Integer retryAfterSeconds,
                        Long latencyMs, List<ApiError> errors, Integer count, Long durationMs) {

    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        path = path == null || path.isBlank() ? "**" : path;
        PathPattern.compile(path); // fail at creation, not on the first request
        errors = errors == null ? null : List.copyOf(errors);
        if (status != null && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("Fault status must be an HTTP status (100-599), got " + status);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("Fault count must be at least 1, got " + count);
        }
        if (durationMs != null && durationMs < 1) {
            throw new IllegalArgumentException("Fault duration_ms must be positive, got " + durationMs);
        }
        if (latencyMs != null && latencyMs < 0) {
            throw new IllegalArgumentException("Fault latency_ms must not be negative, got " + latencyMs);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Fault retry_after_seconds must not be negative, got " + retryAfterSeconds);
        }
        if (kind == FaultKind.LATENCY && latencyMs == null) {
            throw new IllegalArgumentException("A latency fault needs latency_ms");
        }
        method = method == null || method.isBlank() ? null : method.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private static FaultRule of(String path, FaultKind kind) {
        return new FaultRule(null, path, kind, null, null, null, null, null, null);
    }

    /** An HTTP error status with the failure envelope, e.g. {@code status("/accounts", 503)}. */
    public static FaultRule status(String path, int status) {
        return of(path, FaultKind.STATUS).withStatus(status);
    }

    public static FaultRule rateLimit(String path, int retryAfterSeconds) {
        return of(path, FaultKind.RATE_LIMIT).withRetryAfter(retryAfterSeconds);
    }

    public static FaultRule latency(String path, Duration latency) {
        return new FaultRule(null, path, FaultKind.LATENCY, null, null, latency.toMillis(), null, null, null);
    }

    public static FaultRule reset(String path) {
        return of(path, FaultKind.RESET);
    }

    public static FaultRule malformedJson(String path) {
        return of(path, FaultKind.MALFORMED_JSON);
    }

    public static FaultRule html(String path, int status) {
        return of(path, FaultKind.HTML).withStatus(status);
    }

    /** {@code success:false} with one error, HTTP 200. */
    public static FaultRule apiError(String path, int code, String message) {
        return of(path, FaultKind.API_ERROR).withErrors(List.of(new ApiError(code, message)));
    }

    public FaultRule onMethod(String m) {
        return new FaultRule(m, path, kind, status, retryAfterSeconds, latencyMs, errors, count, durationMs);
    }

    public FaultRule withStatus(int s) {
        return new FaultRule(method, path, kind, s, retryAfterSeconds, latencyMs, errors, count, durationMs);
    }

    public FaultRule withRetryAfter(int seconds) {
        return new FaultRule(method, path, kind, status, seconds, latencyMs, errors, count, durationMs);
    }

    public FaultRule withErrors(List<ApiError> e) {
        return new FaultRule(method, path, kind, status, retryAfterSeconds, latencyMs, e, count, durationMs);
    }

    /** Applies to the next {@code n} matching requests only. */
    public FaultRule times(int n) {
        return new FaultRule(method, path, kind, status, retryAfterSeconds, latencyMs, errors, n, durationMs);
    }

    /** Applies for {@code d} after it is added. */
    public FaultRule lasting(Duration d) {
        return new FaultRule(method, path, kind, status, retryAfterSeconds, latencyMs, errors, count, d.toMillis());
    }
}
