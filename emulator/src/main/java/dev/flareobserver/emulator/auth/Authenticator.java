package dev.flareobserver.emulator.auth;

import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.AuthPolicy;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.user.UserStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns the request's credentials into a {@link Principal}, or rejects them as Cloudflare does.
 * HTTP statuses are unconfirmed (the reference only names the codes): missing credentials 400/9106,
 * a malformed Authorization header 400/6003 (chain 6111), an unknown, expired or disabled token
 * 403/10000, a wrong global key 403/9103. Token-verify endpoints answer differently: an unknown
 * token there is 401/1000 "Invalid API Token" (what wrangler's whoami keys on), and an expired or
 * disabled token is let through so verify can report its status.
 */
public final class Authenticator {

    private final TokenStore tokens;
    private final UserStore users;
    private final Clock clock;

    public Authenticator(TokenStore tokens, UserStore users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    /** The caller, or null for a {@link AuthPolicy#SIGNED_URL} route (whose handler checks the URL's token). */
    public Principal authenticate(RequestContext call, AuthPolicy policy) {
        if (policy == AuthPolicy.SIGNED_URL) {
            return null;
        }
        String authorization = call.header("Authorization");
        String email = call.header("X-Auth-Email");
        String key = call.header("X-Auth-Key");
        if (authorization != null) {
            return bearer(authorization, policy);
        }
        if (email != null || key != null) {
            if (policy == AuthPolicy.ANY_TOKEN) {
                throw invalidToken();
            }
            if (email == null || key == null || email.isBlank() || key.isBlank()) {
                throw missing();
            }
            return users.findByCredentials(email.trim(), key.trim())
                    .map(userId -> new Principal(Principal.Kind.GLOBAL_API_KEY, userId, null, null, null, null, null))
                    .orElseThrow(() -> new ApiException(403, ApiError.UNKNOWN_AUTH_KEY, "Unknown X-Auth-Key or X-Auth-Email"));
        }
        throw missing();
    }

    private Principal bearer(String header, AuthPolicy policy) {
        String h = header.trim();
        if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).trim().isEmpty()
                || h.substring(7).trim().contains(" ")) {
            throw new ApiException(400, List.of(new ApiError(ApiError.INVALID_REQUEST_HEADERS, "Invalid request headers",
                    List.of(new ApiError(ApiError.INVALID_AUTHORIZATION_FORMAT, "Invalid format for Authorization header")))));
        }
        Optional<TokenStore.TokenRecord> found = tokens.findByValue(h.substring(7).trim());
        if (found.isEmpty()) {
            throw policy == AuthPolicy.ANY_TOKEN ? invalidToken() : authenticationError();
        }
        TokenStore.TokenRecord t = found.get();
        TokenStatus status = effectiveStatus(t, clock.instant());
        Principal p = new Principal(t.kind(), t.userId(), t.accountId(), t.id(), status, t.notBefore(), t.expiresOn());
        if (policy == AuthPolicy.ACTIVE && !p.isActive()) {
            throw authenticationError();
        }
        return p;
    }

    private static TokenStatus effectiveStatus(TokenStore.TokenRecord t, Instant now) {
        if (t.status() == TokenStatus.ACTIVE && t.expiresOn() != null && !now.isBefore(t.expiresOn())) {
            return TokenStatus.EXPIRED;
        }
        return t.status();
    }

    public static ApiException invalidToken() {
        return new ApiException(401, ApiError.INVALID_API_TOKEN, "Invalid API Token");
    }

    public static ApiException authenticationError() {
        return new ApiException(403, ApiError.AUTHENTICATION_ERROR, "Authentication error");
    }

    private static ApiException missing() {
        // Message as Cloudflare words it for a request without credentials (unconfirmed wording).
        return new ApiException(400, ApiError.AUTHENTICATION_FAILED,
                "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }
}
