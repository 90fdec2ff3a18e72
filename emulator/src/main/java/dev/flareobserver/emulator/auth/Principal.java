package dev.flareobserver.emulator.auth;

import java.time.Instant;

/**
 * Who is calling. {@code tokenId}, {@code status} and the validity times are null for the
 * global API key (it has no token identity); {@code userId} is null for account-owned tokens.
 */
public record Principal(Kind kind, String userId, String accountId, String tokenId, TokenStatus status,
                        Instant notBefore, Instant expiresOn) {

    public enum Kind { USER_TOKEN, ACCOUNT_TOKEN, GLOBAL_API_KEY }

    public boolean isActive() {
        return kind == Kind.GLOBAL_API_KEY || status == TokenStatus.ACTIVE;
    }

    /** User tokens and the global key act for the user; account tokens have no user identity. */
    public boolean actsForUser() {
        return kind != Kind.ACCOUNT_TOKEN;
    }
}
