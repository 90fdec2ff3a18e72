package dev.flareobserver.app.shell;

import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import java.net.URI;

/** Pure text for the status bar and banners: tested without a toolkit. */
public final class StatusTexts {

    private StatusTexts() {
    }

    /** "REST 1187/1200 · GraphQL 300/300". */
    public static String budget(BudgetSnapshot b) {
        return "REST " + b.restRemaining() + "/" + b.restLimit() + " · GraphQL " + b.graphqlRemaining() + "/"
                + b.graphqlLimit();
    }

    /** "Connected", "Connecting…", "Connection failed", "Not connected". */
    public static String connection(ConnectionSnapshot s, String activity) {
        return switch (s.state()) {
            case CONNECTED -> "Connected";
            case CONNECTING -> activity != null && activity.startsWith("Starting") ? "Starting emulator…" : "Connecting…";
            case FAILED -> "Connection failed";
            case DISCONNECTED -> activity != null ? "Starting…" : "Not connected";
        };
    }

    /** "api.cloudflare.com" or "127.0.0.1:8787": the endpoint without the path noise. */
    public static String host(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return "";
        }
        try {
            URI uri = URI.create(endpoint);
            if (uri.getHost() != null) {
                return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL: show it as it is
        }
        return endpoint;
    }

    public static String tasks(int running) {
        return switch (running) {
            case 0 -> "No tasks";
            case 1 -> "1 task";
            default -> running + " tasks";
        };
    }
}
