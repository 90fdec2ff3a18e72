package dev.flareobserver.emulator.user;

import dev.flareobserver.emulator.state.StateStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code users} table. */
public final class UserStore {

    public record UserRecord(String id, String email, String firstName, String lastName, String apiKey,
                             Instant createdOn, Instant modifiedOn) {
    }

    private final StateStore state;

    public UserStore(StateStore state) {
        this.state = state;
    }

    public Optional<UserRecord> find(String id) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, email, first_name, last_name, api_key, created_on, modified_on FROM users WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new UserRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7))));
                }
            }
        });
    }

    /** The user id for a global API key and its e-mail (e-mail compared case-insensitively). */
    public Optional<String> findByCredentials(String email, String apiKey) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM users WHERE lower(email) = lower(?) AND api_key = ?")) {
                ps.setString(1, email);
                ps.setString(2, apiKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Inserts the user, or keeps the stored one; a non-null {@code apiKey} replaces the stored key. */
    public void ensure(UserRecord u) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (id, email, first_name, last_name, api_key, created_on, modified_on) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET api_key = excluded.api_key")) {
                ps.setString(1, u.id());
                ps.setString(2, u.email());
                ps.setString(3, u.firstName());
                ps.setString(4, u.lastName());
                ps.setString(5, u.apiKey());
                ps.setString(6, u.createdOn().toString());
                ps.setString(7, u.modifiedOn().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
