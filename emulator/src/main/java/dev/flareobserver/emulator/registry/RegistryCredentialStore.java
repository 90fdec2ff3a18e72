package dev.flareobserver.emulator.registry;

import dev.flareobserver.emulator.state.Ids;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry credentials issued by {@code POST /registries/{domain}/credentials}. They expire, and live only in
 * memory: they are minutes long, so losing them on an emulator restart is what a client re-issuing them expects.
 * The username is {@code v1} for every credential, as wrangler logs in with {@code Basic base64("v1:" + password)}
 * (containers.md §6); the password alone identifies the credential.
 */
public final class RegistryCredentialStore {

    public static final String USERNAME = "v1";

    /** An issued credential: for which account, what it may do, until when. */
    public record Issued(String accountId, String password, Set<String> permissions, Instant expiresAt) {
        public boolean allows(String permission) {
            return permissions.contains(permission);
        }
    }

    private final Map<String, Issued> byPassword = new ConcurrentHashMap<>();
    private final Clock clock;

    public RegistryCredentialStore(Clock clock) {
        this.clock = clock;
    }

    public Issued issue(String accountId, Duration lifetime, Set<String> permissions) {
        Instant now = clock.instant();
        byPassword.values().removeIf(i -> !i.expiresAt().isAfter(now));
        Issued issued = new Issued(accountId, Ids.newSecret("cfreg_"), Set.copyOf(permissions), now.plus(lifetime));
        byPassword.put(issued.password(), issued);
        return issued;
    }

    /** The credential of a {@code Basic} Authorization header, if it is one we issued and it has not expired. */
    public Optional<Issued> check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Issued issued = byPassword.get(decoded.substring(colon + 1));
        if (issued == null || !issued.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(issued);
    }

    public void clear() {
        byPassword.clear();
    }
}
