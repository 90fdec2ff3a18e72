package dev.flareobserver.orchestration.connection;

import java.util.Objects;

/**
 * Why a connection failed, in words a person understands: a short title ("Cloudflare rejected the
 * API token"), a message saying what to do, and details (HTTP status, Cloudflare error codes,
 * cf-ray, the redacted URL) for the "Details" expander. Never carries a secret or a stack trace.
 */
public record ConnectionProblem(String title, String message, String details) {

    public ConnectionProblem {
        Objects.requireNonNull(title, "title");
        message = message == null ? "" : message;
        details = details == null ? "" : details;
    }
}
