package dev.flareobserver.emulator.kv;

import dev.flareobserver.emulator.state.StateStore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KV namespaces and entries in the emulator's SQLite state. Keys are stored as their UTF-8 bytes in a BLOB
 * column, so SQLite's ordering is Cloudflare's: by key bytes. Entries live in a table clustered on
 * (namespace, key), so a page of a million-key namespace is one index range read. Expired entries are
 * filtered out of every read and purged on writes.
 */
final class KvStore {

    /** A namespace; {@code demoSet} names demo data still to be generated on first use (null: none pending). */
    record NamespaceRecord(String id, String accountId, String title, String demoSet) {
    }

    /** A stored entry: value bytes, metadata as JSON text (null: none), expiration in epoch seconds (null: never). */
    record Entry(String key, byte[] value, String metadata, Long expiration) {
    }

    /** A key as listed. */
    record ListedKey(String key, byte[] keyBytes, String metadata, Long expiration) {
    }

    private final StateStore state;

    KvStore(StateStore state) {
        this.state = state;
    }

    void createTables() {
        state.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS kv_namespaces (
                          id         TEXT PRIMARY KEY,
                          account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                          title      TEXT NOT NULL,
                          demo_set   TEXT,
                          UNIQUE (account_id, title)
                        )""");
                // Value last: listing reads name, expiration and metadata without touching value overflow pages.
                s.execute("""
                        CREATE TABLE IF NOT EXISTS kv_entries (
                          namespace_id TEXT NOT NULL REFERENCES kv_namespaces(id) ON DELETE CASCADE,
                          key          BLOB NOT NULL,
                          expiration   INTEGER,
                          metadata     TEXT,
                          value        BLOB NOT NULL,
                          PRIMARY KEY (namespace_id, key)
                        ) WITHOUT ROWID""");
                s.execute("""
                        CREATE INDEX IF NOT EXISTS kv_entries_expiring ON kv_entries (namespace_id, expiration)
                        WHERE expiration IS NOT NULL""");
                // Which accounts got the demo namespaces, so a deleted demo namespace stays deleted.
                s.execute("""
                        CREATE TABLE IF NOT EXISTS kv_demo_seeded (
                          account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
                          large_keys INTEGER NOT NULL DEFAULT 0
                        )""");
            }
            return null;
        });
    }

    // ---- namespaces ----

    /** The account's namespaces in creation order. */
    List<NamespaceRecord> namespaces(String accountId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, account_id, title, demo_set FROM kv_namespaces WHERE account_id = ? ORDER BY rowid")) {
                ps.setString(1, accountId);
                List<NamespaceRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(namespace(rs));
                    }
                }
                return out;
            }
        });
    }

    Optional<NamespaceRecord> namespace(String accountId, String id) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, account_id, title, demo_set FROM kv_namespaces WHERE account_id = ? AND id = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(namespace(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Inserts the namespace unless the account already has one with that title; false then. */
    boolean insertNamespace(NamespaceRecord ns) {
        return state.write(c -> {
            if (titleTaken(c, ns.accountId(), ns.title(), null)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO kv_namespaces (id, account_id, title, demo_set) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, ns.id());
                ps.setString(2, ns.accountId());
                ps.setString(3, ns.title());
                ps.setString(4, ns.demoSet());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** Renames unless another namespace of the account has the title; false then. */
    boolean rename(NamespaceRecord ns, String title) {
        return state.write(c -> {
            if (titleTaken(c, ns.accountId(), title, ns.id())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE kv_namespaces SET title = ? WHERE id = ?")) {
                ps.setString(1, title);
                ps.setString(2, ns.id());
                ps.executeUpdate();
            }
            return true;
        });
    }

    void deleteNamespace(String id) {
        state.write(c -> {
            // Entries first and explicitly: faster than a cascade row by row.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM kv_entries WHERE namespace_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM kv_namespaces WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static boolean titleTaken(Connection c, String accountId, String title, String exceptId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM kv_namespaces WHERE account_id = ? AND title = ? AND id <> ?")) {
            ps.setString(1, accountId);
            ps.setString(2, title);
            ps.setString(3, exceptId == null ? "" : exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static NamespaceRecord namespace(ResultSet rs) throws SQLException {
        return new NamespaceRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    // ---- demo bookkeeping ----

    /** Whether the account already got its demo namespaces (then seeding leaves it alone). */
    boolean demoSeeded(String accountId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM kv_demo_seeded WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Records that the account's demo namespaces exist, all in one transaction with them. */
    void seedDemo(String accountId, List<NamespaceRecord> namespaces) {
        state.write(c -> {
            for (NamespaceRecord ns : namespaces) {
                if (!titleTaken(c, accountId, ns.title(), null)) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT OR IGNORE INTO kv_namespaces (id, account_id, title, demo_set) VALUES (?, ?, ?, ?)")) {
                        ps.setString(1, ns.id());
                        ps.setString(2, accountId);
                        ps.setString(3, ns.title());
                        ps.setString(4, ns.demoSet());
                        ps.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO kv_demo_seeded (account_id) VALUES (?)")) {
                ps.setString(1, accountId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Generates a namespace's pending demo data exactly once: {@code generator} runs in the same transaction
     * that clears the pending mark, under the state's lock, so concurrent first requests cannot both run it.
     */
    void materialize(String namespaceId, DemoGenerator generator) {
        state.write(c -> {
            String pending;
            try (PreparedStatement ps = c.prepareStatement("SELECT demo_set FROM kv_namespaces WHERE id = ?")) {
                ps.setString(1, namespaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    pending = rs.next() ? rs.getString(1) : null;
                }
            }
            if (pending == null) {
                return null;
            }
            generator.generate(c, namespaceId, pending);
            try (PreparedStatement ps = c.prepareStatement("UPDATE kv_namespaces SET demo_set = NULL WHERE id = ?")) {
                ps.setString(1, namespaceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @FunctionalInterface
    interface DemoGenerator {
        void generate(Connection c, String namespaceId, String demoSet) throws SQLException;
    }

    // ---- entries ----

    /** The live (not expired) entry, if any. */
    Optional<Entry> entry(String namespaceId, String key, long now) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT expiration, metadata, value FROM kv_entries
                    WHERE namespace_id = ? AND key = ? AND (expiration IS NULL OR expiration > ?)""")) {
                ps.setString(1, namespaceId);
                ps.setBytes(2, bytes(key));
                ps.setLong(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long expiration = rs.getLong(1);
                    Long exp = rs.wasNull() ? null : expiration;
                    return Optional.of(new Entry(key, rs.getBytes(3), rs.getString(2), exp));
                }
            }
        });
    }

    /** Writes (inserts or replaces) the entries in one transaction, purging the namespace's expired ones. */
    void put(String namespaceId, List<Entry> entries, long now) {
        state.write(c -> {
            purgeExpired(c, namespaceId, now);
            insert(c, namespaceId, entries);
            return null;
        });
    }

    /** Inserts or replaces entries inside the caller's transaction (writes and demo data alike). */
    static void insert(Connection c, String namespaceId, List<Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO kv_entries (namespace_id, key, expiration, metadata, value) VALUES (?, ?, ?, ?, ?)")) {
            for (Entry e : entries) {
                ps.setString(1, namespaceId);
                ps.setBytes(2, bytes(e.key()));
                if (e.expiration() == null) {
                    ps.setNull(3, Types.INTEGER);
                } else {
                    ps.setLong(3, e.expiration());
                }
                ps.setString(4, e.metadata());
                ps.setBytes(5, e.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes the keys (absent ones are ignored) in one transaction. */
    void delete(String namespaceId, List<String> keys, long now) {
        state.write(c -> {
            purgeExpired(c, namespaceId, now);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM kv_entries WHERE namespace_id = ? AND key = ?")) {
                for (String key : keys) {
                    ps.setString(1, namespaceId);
                    ps.setBytes(2, bytes(key));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Up to {@code limit} live keys after {@code afterKey} (exclusive; empty for the first page) that start with
     * {@code prefix}, in byte order.
     */
    List<ListedKey> list(String namespaceId, byte[] prefix, byte[] afterKey, int limit, long now) {
        byte[] prefixEnd = prefixEnd(prefix);
        byte[] from = compare(afterKey, prefix) >= 0 ? afterKey : null;
        String sql = "SELECT key, expiration, metadata FROM kv_entries WHERE namespace_id = ?"
                + (from != null ? " AND key > ?" : " AND key >= ?")
                + (prefixEnd != null ? " AND key < ?" : "")
                + " AND (expiration IS NULL OR expiration > ?) ORDER BY key LIMIT ?";
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, namespaceId);
                ps.setBytes(i++, from != null ? from : prefix);
                if (prefixEnd != null) {
                    ps.setBytes(i++, prefixEnd);
                }
                ps.setLong(i++, now);
                ps.setInt(i, limit);
                List<ListedKey> out = new ArrayList<>(Math.min(limit, 1024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] key = rs.getBytes(1);
                        long expiration = rs.getLong(2);
                        Long exp = rs.wasNull() ? null : expiration;
                        out.add(new ListedKey(new String(key, StandardCharsets.UTF_8), key, rs.getString(3), exp));
                    }
                }
                return out;
            }
        });
    }

    private static void purgeExpired(Connection c, String namespaceId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM kv_entries WHERE namespace_id = ? AND expiration IS NOT NULL AND expiration <= ?")) {
            ps.setString(1, namespaceId);
            ps.setLong(2, now);
            ps.executeUpdate();
        }
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The smallest byte string greater than every string starting with {@code prefix}; null when none is. */
    static byte[] prefixEnd(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xff) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] end = java.util.Arrays.copyOf(prefix, n);
        end[n - 1]++;
        return end;
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
