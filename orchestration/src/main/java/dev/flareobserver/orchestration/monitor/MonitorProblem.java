package dev.flareobserver.orchestration.monitor;

import java.util.Objects;

/**
 * Why a panel could not refresh: the panel ("Overview", "Worker checkout-api"), the query (e.g. the GraphQL
 * operation {@code AccountOverview} or "Workers scripts list"), a message a person understands, and details
 * (status, Cloudflare's own words, the redacted URL) for the expander.
 */
public record MonitorProblem(String panel, String query, String message, String details) {

    public MonitorProblem {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(message, "message");
        details = details == null ? "" : details;
    }
}
