package dev.flareobserver.emulator.accounts;

import dev.flareobserver.emulator.auth.Principal;
import dev.flareobserver.emulator.state.StateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code accounts} table and who may see which account. */
public final class AccountStore {

    public record AccountRecord(String id, String name, String type, boolean enforceTwofactor, Instant createdOn,
                                int position) {
    }

    private static final String COLUMNS = "a.id, a.name, a.type, a.enforce_twofactor, a.created_on, a.position";

    private final StateStore state;

    public AccountStore(StateStore state) {
        this.state = state;
    }

    /** Every account, in creation order. */
    public List<AccountRecord> all() {
        return state.read(c -> query(c, "SELECT " + COLUMNS + " FROM accounts a ORDER BY a.position", null));
    }

    /**
     * Accounts the caller can use, in creation order: the user's accepted memberships, or the one
     * account an account-owned token belongs to.
     */
    public List<AccountRecord> visibleTo(Principal p) {
        return state.read(c -> p.actsForUser()
                ? query(c, "SELECT " + COLUMNS + " FROM accounts a JOIN memberships m ON m.account_id = a.id "
                        + "WHERE m.user_id = ? AND m.status = 'accepted' ORDER BY a.position", p.userId())
                : query(c, "SELECT " + COLUMNS + " FROM accounts a WHERE a.id = ?", p.accountId()));
    }

    public Optional<AccountRecord> find(String id) {
        return state.read(c -> query(c, "SELECT " + COLUMNS + " FROM accounts a WHERE a.id = ?", id))
                .stream().findFirst();
    }

    /** Inserts the account unless one with that id exists (seeding is idempotent). */
    public void ensure(AccountRecord a) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO accounts (id, name, type, enforce_twofactor, created_on, position) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.name());
                ps.setString(3, a.type());
                ps.setInt(4, a.enforceTwofactor() ? 1 : 0);
                ps.setString(5, a.createdOn().toString());
                ps.setInt(6, a.position());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static List<AccountRecord> query(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<AccountRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    static AccountRecord read(ResultSet rs) throws SQLException {
        return new AccountRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                Instant.parse(rs.getString(5)), rs.getInt(6));
    }
}
