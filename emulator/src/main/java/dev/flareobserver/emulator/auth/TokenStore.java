package dev.flareobserver.emulator.auth;

import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code tokens} table. */
public final class TokenStore {

    public record TokenRecord(String id, Principal.Kind kind, String userId, String accountId, TokenStatus status,
                              Instant notBefore, Instant expiresOn) {
    }

    private final StateStore state;

    public TokenStore(StateStore state) {
        this.state = state;
    }

    public Optional<TokenRecord> findByValue(String value) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, kind, user_id, account_id, status, not_before, expires_on FROM tokens WHERE value = ?")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new TokenRecord(rs.getString(1),
                            "account".equals(rs.getString(2)) ? Principal.Kind.ACCOUNT_TOKEN : Principal.Kind.USER_TOKEN,
                            rs.getString(3), rs.getString(4), TokenStatus.fromWire(rs.getString(5)),
                            instant(rs.getString(6)), instant(rs.getString(7))));
                }
            }
        });
    }

    /** The value of the token generated for demo mode, if an earlier run stored one. */
    public Optional<String> generatedUserToken(String userId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT value FROM tokens WHERE user_id = ? AND origin = 'generated' AND status = 'active' "
                            + "ORDER BY created_on LIMIT 1")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Stores a token (or updates its status if the value is known). The id is derived from the value,
     * so the same token keeps its id across runs.
     */
    public String put(String value, Principal.Kind kind, String userId, String accountId, TokenStatus status,
                      Instant notBefore, Instant expiresOn, boolean generated, Instant now) {
        String id = tokenId(value);
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO tokens (id, value, kind, user_id, account_id, status, origin, not_before, expires_on, created_on) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (value) DO UPDATE SET kind = excluded.kind, user_id = excluded.user_id, "
                            + "account_id = excluded.account_id, status = excluded.status, "
                            + "not_before = excluded.not_before, expires_on = excluded.expires_on")) {
                ps.setString(1, id);
                ps.setString(2, value);
                ps.setString(3, kind == Principal.Kind.ACCOUNT_TOKEN ? "account" : "user");
                ps.setString(4, userId);
                ps.setString(5, accountId);
                ps.setString(6, status.wire());
                ps.setString(7, generated ? "generated" : "configured");
                ps.setString(8, notBefore == null ? null : notBefore.toString());
                ps.setString(9, expiresOn == null ? null : expiresOn.toString());
                ps.setString(10, now.toString());
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    static String tokenId(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("flare-observer-emulator:token:" + value).getBytes(StandardCharsets.UTF_8));
            return Ids.hex(d, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
