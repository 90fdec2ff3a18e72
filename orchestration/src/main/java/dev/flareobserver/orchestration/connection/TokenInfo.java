package dev.flareobserver.orchestration.connection;

import java.time.Instant;

/**
 * What verifying the credentials told us.
 *
 * @param id        the token's id (not a secret); null for a global API key
 * @param status    "active", "disabled", "expired" or "unknown"
 * @param expiresOn when the token stops working, if it has an end
 * @param kind      who owns the credential
 */
public record TokenInfo(String id, String status, Instant expiresOn, Kind kind) {

    public enum Kind {
        /** A user-owned API token, verified on /user/tokens/verify. */
        USER_TOKEN,
        /** An account-owned API token, verified on /accounts/{id}/tokens/verify. */
        ACCOUNT_TOKEN,
        /** The legacy global API key with an e-mail address. */
        GLOBAL_API_KEY
    }

    public boolean isActive() {
        return "active".equals(status);
    }
}
