package dev.flareobserver.orchestration.logtail;

import java.time.Instant;

/** A tail this app created in an earlier run that still exists on the account (the app crashed or was killed). */
public record LeftoverTail(String accountId, String worker, String tailId, Instant expiresAt) {
}
