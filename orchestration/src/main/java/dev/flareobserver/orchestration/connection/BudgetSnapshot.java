package dev.flareobserver.orchestration.connection;

import java.time.Instant;

/**
 * The shared request budget as the UI shows it ("REST 1187/1200 · GraphQL 300/300"). Orchestration's
 * own copy of the transport's snapshot, so the app does not depend on the transport layer.
 *
 * @param serverReported true once Cloudflare's {@code Ratelimit} headers corrected the local count
 */
public record BudgetSnapshot(int restLimit, int restRemaining, Instant restResetAt,
                             int graphqlLimit, int graphqlRemaining, Instant graphqlResetAt,
                             boolean serverReported) {

    /** The budget before any request: Cloudflare's documented limits. */
    public static BudgetSnapshot full() {
        return new BudgetSnapshot(1200, 1200, null, 300, 300, null, false);
    }
}
