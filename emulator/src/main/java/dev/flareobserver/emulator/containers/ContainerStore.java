package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.state.StateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applications, their configuration versions, rollouts and image registries, as JSON documents in SQLite. Documents
 * keep every field a client sent (wrangler's richer application shape included), so answers echo them back.
 * Instances are processes, not rows: they live in {@link InstanceSupervisor}.
 */
final class ContainerStore {

    private final StateStore state;

    ContainerStore(StateStore state) {
        this.state = state;
        state.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS containers_applications (id TEXT PRIMARY KEY, account_id TEXT NOT NULL,"
                        + " name TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS containers_versions (application_id TEXT NOT NULL,"
                        + " version INTEGER NOT NULL, configuration TEXT NOT NULL, PRIMARY KEY (application_id, version))");
                s.execute("CREATE TABLE IF NOT EXISTS containers_rollouts (id TEXT PRIMARY KEY, application_id TEXT NOT NULL,"
                        + " seq INTEGER NOT NULL, body TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS containers_registries (account_id TEXT NOT NULL, domain TEXT NOT NULL,"
                        + " body TEXT NOT NULL, PRIMARY KEY (account_id, domain))");
            }
            return null;
        });
    }

    // ---- applications ----

    List<ObjectNode> applications(String accountId) {
        return state.read(c -> documents(c, "SELECT body FROM containers_applications WHERE account_id = ? ORDER BY seq",
                accountId));
    }

    Optional<ObjectNode> application(String accountId, String id) {
        return state.read(c -> documents(c, "SELECT body FROM containers_applications WHERE account_id = ? AND id = ?",
                accountId, id)).stream().findFirst();
    }

    /** Every application of every account (for the start-up reconcile). */
    List<ObjectNode> allApplications() {
        return state.read(c -> documents(c, "SELECT body FROM containers_applications ORDER BY seq"));
    }

    void putApplication(ObjectNode app) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO containers_applications (id, account_id, name, seq, body)"
                    + " VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM containers_applications), ?)"
                    + " ON CONFLICT(id) DO UPDATE SET name = excluded.name, body = excluded.body")) {
                ps.setString(1, app.path("id").asText());
                ps.setString(2, app.path("account_id").asText());
                ps.setString(3, app.path("name").asText());
                ps.setString(4, write(app));
                ps.executeUpdate();
            }
            return null;
        });
    }

    void deleteApplication(String id) {
        state.write(c -> {
            for (String table : List.of("containers_versions", "containers_rollouts")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE application_id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM containers_applications WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- versions ----

    void putVersion(String applicationId, int version, ObjectNode configuration) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO containers_versions"
                    + " (application_id, version, configuration) VALUES (?, ?, ?)")) {
                ps.setString(1, applicationId);
                ps.setInt(2, version);
                ps.setString(3, write(configuration));
                ps.executeUpdate();
            }
            return null;
        });
    }

    record Version(int version, ObjectNode configuration) {
    }

    List<Version> versions(String applicationId) {
        return state.read(c -> {
            List<Version> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, configuration FROM containers_versions"
                    + " WHERE application_id = ? ORDER BY version")) {
                ps.setString(1, applicationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Version(rs.getInt(1), read(rs.getString(2))));
                    }
                }
            }
            return out;
        });
    }

    // ---- rollouts ----

    void putRollout(String applicationId, ObjectNode rollout) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO containers_rollouts (id, application_id, seq, body)"
                    + " VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM containers_rollouts), ?)"
                    + " ON CONFLICT(id) DO UPDATE SET body = excluded.body")) {
                ps.setString(1, rollout.path("id").asText());
                ps.setString(2, applicationId);
                ps.setString(3, write(rollout));
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<ObjectNode> rollouts(String applicationId) {
        return state.read(c -> documents(c, "SELECT body FROM containers_rollouts WHERE application_id = ? ORDER BY seq DESC",
                applicationId));
    }

    // ---- registries ----

    List<ObjectNode> registries(String accountId) {
        return state.read(c -> documents(c, "SELECT body FROM containers_registries WHERE account_id = ? ORDER BY domain",
                accountId));
    }

    /** False if the account already has a registry with this domain. */
    boolean addRegistry(String accountId, ObjectNode registry) {
        return state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO containers_registries"
                    + " (account_id, domain, body) VALUES (?, ?, ?)")) {
                ps.setString(1, accountId);
                ps.setString(2, registry.path("domain").asText());
                ps.setString(3, write(registry));
                return ps.executeUpdate() == 1;
            }
        });
    }

    boolean deleteRegistry(String accountId, String domain) {
        return state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM containers_registries WHERE account_id = ? AND domain = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, domain);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static List<ObjectNode> documents(Connection c, String sql, String... params) throws SQLException {
        List<ObjectNode> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs.getString(1)));
                }
            }
        }
        return out;
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
