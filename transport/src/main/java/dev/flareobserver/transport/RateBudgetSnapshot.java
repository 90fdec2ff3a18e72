package dev.flareobserver.transport;

import java.time.Instant;

/**
 * The rate budget at one moment. {@code serverReported} is true while the REST numbers come from
 * Cloudflare's {@code Ratelimit} headers rather than from local counting.
 */
public record RateBudgetSnapshot(int restLimit, int restRemaining, Instant restResetAt,
                                 int graphqlLimit, int graphqlRemaining, Instant graphqlResetAt,
                                 boolean serverReported) {
}
