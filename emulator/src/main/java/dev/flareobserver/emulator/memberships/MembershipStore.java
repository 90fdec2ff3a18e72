package dev.flareobserver.emulator.memberships;

import dev.flareobserver.emulator.accounts.AccountStore;
import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.state.StateStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code memberships} table: which user belongs to which account, with which roles. */
public final class MembershipStore {

    public record MembershipRecord(String id, AccountStore.AccountRecord account, String status, List<String> roles) {
    }

    private final StateStore state;

    public MembershipStore(StateStore state) {
        this.state = state;
    }

    public List<MembershipRecord> forUser(String userId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT m.id, m.status, m.roles, a.id, a.name, a.type, a.enforce_twofactor, a.created_on, a.position "
                            + "FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.user_id = ? ORDER BY a.position")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<MembershipRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        AccountStore.AccountRecord a = new AccountStore.AccountRecord(rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7) != 0, Instant.parse(rs.getString(8)), rs.getInt(9));
                        out.add(new MembershipRecord(rs.getString(1), a, rs.getString(2), roles(rs.getString(3))));
                    }
                    return out;
                }
            }
        });
    }

    /** Adds the membership unless it exists; its id is derived from user and account. */
    public void ensure(String userId, String accountId, List<String> roles) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO memberships (id, user_id, account_id, status, roles) VALUES (?, ?, ?, 'accepted', ?)")) {
                ps.setString(1, Ids.seeded("membership/" + userId + "/" + accountId));
                ps.setString(2, userId);
                ps.setString(3, accountId);
                ps.setString(4, String.join("\n", roles));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Roles are stored one per line: role names never contain newlines, and seeding stays free of Jackson. */
    private static List<String> roles(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
