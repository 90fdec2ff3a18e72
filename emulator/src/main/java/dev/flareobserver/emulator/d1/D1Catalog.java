package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the emulator's state knows about D1: the databases (their data lives in SQLite files), each one's
 * time-travel history (the snapshot file of every earlier state still kept), and which accounts got the demo
 * databases (once, so a demo database the user deleted stays deleted).
 */
final class D1Catalog {

    /**
     * One database. {@code version} counts its states (every write that changed it, every restore, is a new
     * one); {@code versionAt} is when the current state began. {@code demoScale} > 0 marks a demo database whose
     * tables are filled when its file is first opened.
     */
    record Db(String uuid, String accountId, String name, Instant createdAt, String location, int demoScale,
              long version, Instant versionAt) {
    }

    /** An earlier state of a database, restorable from its snapshot file (a name inside the D1 directory). */
    record PastState(String uuid, long version, Instant startedAt, String snapshot) {
    }

    private final StateStore state;

    D1Catalog(StateStore state) {
        this.state = state;
        state.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS d1_databases (uuid TEXT PRIMARY KEY, account_id TEXT NOT NULL,"
                        + " name TEXT NOT NULL, created_at TEXT NOT NULL, location TEXT,"
                        + " demo_scale INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1,"
                        + " version_at TEXT NOT NULL, UNIQUE (account_id, name))");
                s.execute("CREATE TABLE IF NOT EXISTS d1_history (uuid TEXT NOT NULL"
                        + " REFERENCES d1_databases(uuid) ON DELETE CASCADE, version INTEGER NOT NULL,"
                        + " started_at TEXT NOT NULL, snapshot TEXT NOT NULL, PRIMARY KEY (uuid, version))");
                s.execute("CREATE TABLE IF NOT EXISTS d1_demo_seeded (account_id TEXT PRIMARY KEY)");
            }
            return null;
        });
    }

    List<Db> list(String accountId) {
        return state.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM d1_databases WHERE account_id = ?"
                    + " ORDER BY created_at, name")) {
                p.setString(1, accountId);
                return dbs(p);
            }
        });
    }

    Optional<Db> find(String accountId, String uuidOrName) {
        return state.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM d1_databases WHERE account_id = ?"
                    + " AND (uuid = ? OR name = ?) ORDER BY uuid = ? DESC LIMIT 1")) {
                p.setString(1, accountId);
                p.setString(2, uuidOrName);
                p.setString(3, uuidOrName);
                p.setString(4, uuidOrName);
                return dbs(p).stream().findFirst();
            }
        });
    }

    Optional<Db> byUuid(String uuid) {
        return state.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT * FROM d1_databases WHERE uuid = ?")) {
                p.setString(1, uuid);
                return dbs(p).stream().findFirst();
            }
        });
    }

    /** Inserts it unless the account already has a database of that name; false then. */
    boolean insert(Db db) {
        return state.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO d1_databases (uuid, account_id,"
                    + " name, created_at, location, demo_scale, version, version_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, db.uuid());
                p.setString(2, db.accountId());
                p.setString(3, db.name());
                p.setString(4, db.createdAt().toString());
                p.setString(5, db.location());
                p.setInt(6, db.demoScale());
                p.setLong(7, db.version());
                p.setString(8, db.versionAt().toString());
                return p.executeUpdate() == 1;
            }
        });
    }

    int count(String accountId) {
        return state.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM d1_databases WHERE account_id = ?")) {
                p.setString(1, accountId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Removes the database and its history rows; returns the snapshot files that are no longer referenced. */
    List<String> delete(String uuid) {
        return state.write(c -> {
            List<String> snapshots = history(c, uuid).stream().map(PastState::snapshot).toList();
            try (PreparedStatement p = c.prepareStatement("DELETE FROM d1_databases WHERE uuid = ?")) {
                p.setString(1, uuid);
                p.executeUpdate();
            }
            return snapshots;
        });
    }

    List<PastState> history(String uuid) {
        return state.read(c -> history(c, uuid));
    }

    /**
     * The current state becomes history (kept as {@code snapshot}) and a new state begins at {@code now}; the
     * oldest past states beyond {@code keep} are dropped. Returns their snapshot files, for deletion.
     */
    List<String> advance(Db db, String snapshot, Instant now, int keep) {
        return state.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO d1_history (uuid, version, started_at, snapshot)"
                    + " VALUES (?, ?, ?, ?)")) {
                p.setString(1, db.uuid());
                p.setLong(2, db.version());
                p.setString(3, db.versionAt().toString());
                p.setString(4, snapshot);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE d1_databases SET version = ?, version_at = ?"
                    + " WHERE uuid = ?")) {
                p.setLong(1, db.version() + 1);
                p.setString(2, now.toString());
                p.setString(3, db.uuid());
                p.executeUpdate();
            }
            List<PastState> all = history(c, db.uuid());
            List<String> dropped = new ArrayList<>();
            for (PastState old : all.subList(0, Math.max(0, all.size() - keep))) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM d1_history WHERE uuid = ? AND version = ?")) {
                    p.setString(1, old.uuid());
                    p.setLong(2, old.version());
                    p.executeUpdate();
                }
                dropped.add(old.snapshot());
            }
            return dropped;
        });
    }

    /** Marks the account as seeded; false when it already was. */
    boolean markDemoSeeded(String accountId) {
        return state.write(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO d1_demo_seeded VALUES (?)")) {
                p.setString(1, accountId);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static List<PastState> history(Connection c, String uuid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM d1_history WHERE uuid = ? ORDER BY version")) {
            p.setString(1, uuid);
            List<PastState> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new PastState(rs.getString("uuid"), rs.getLong("version"),
                            Instant.parse(rs.getString("started_at")), rs.getString("snapshot")));
                }
            }
            return out;
        }
    }

    private static List<Db> dbs(PreparedStatement p) throws SQLException {
        List<Db> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new Db(rs.getString("uuid"), rs.getString("account_id"), rs.getString("name"),
                        Instant.parse(rs.getString("created_at")), rs.getString("location"), rs.getInt("demo_scale"),
                        rs.getLong("version"), Instant.parse(rs.getString("version_at"))));
            }
        }
        return out;
    }
}
