package dev.flareobserver.orchestration.logtail;

import java.time.Instant;

/**
 * One Worker's tail as the user should see it.
 *
 * @param expiresAt when the current tail expires (the session renews it before), or null
 * @param detail    a sentence for the user when something is wrong (why it failed, next retry), else empty
 */
public record TailHealth(String worker, TailState state, Instant expiresAt, long events, String detail) {
}
