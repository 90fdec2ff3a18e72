package dev.flareobserver.emulator.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emulator's SQLite database: in memory (tests) or one file in a state directory (demo mode,
 * kept between runs). A single connection guarded by a lock: an in-memory SQLite database lives
 * only as long as its connection, and the emulator's load is tiny, so serialising access is simpler
 * than a pool and cannot deadlock on SQLite's own locks.
 */
public final class StateStore implements AutoCloseable {

    /** The database file's name inside the state directory. */
    public static final String FILE_NAME = "emulator.db";

    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Path file;

    private StateStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the state in {@code stateDir}, or an in-memory one when null, and migrates it. */
    public static StateStore open(Path stateDir, List<Migration> migrations) {
        Path file = null;
        String url = "jdbc:sqlite::memory:";
        try {
            if (stateDir != null) {
                Files.createDirectories(stateDir);
                file = stateDir.resolve(FILE_NAME);
                url = "jdbc:sqlite:" + file.toAbsolutePath();
            }
            // The driver directly, not DriverManager: skips a ServiceLoader scan on the start-up path.
            Connection c = new org.sqlite.JDBC().connect(url, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                if (file != null) {
                    // WAL keeps a reader (e.g. an inspecting sqlite3 shell) from blocking the emulator.
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA busy_timeout = 2000");
                }
            }
            StateStore store = new StateStore(c, file);
            store.migrate(migrations);
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new StateException("Could not open the emulator state "
                    + (stateDir == null ? "in memory" : "in " + stateDir) + ": " + e.getMessage(), e);
        }
    }

    /** The database file, or null for an in-memory state. */
    public Path file() {
        return file;
    }

    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StateException("Emulator state query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction. */
    public <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StateException("Emulator state update failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every row of every table (the schema stays), e.g. before re-seeding the demo world. */
    public void clearAllRows() {
        write(c -> {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA defer_foreign_keys = ON");
                for (String t : tables) {
                    s.executeUpdate("DELETE FROM \"" + t.replace("\"", "\"\"") + "\"");
                }
            }
            return null;
        });
    }

    public int schemaVersion() {
        return read(StateStore::userVersion);
    }

    private void migrate(List<Migration> migrations) {
        write(c -> {
            int current = userVersion(c);
            int expected = current + 1;
            for (Migration m : migrations) {
                if (m.version() <= current) {
                    continue;
                }
                if (m.version() != expected) {
                    throw new StateException("Emulator migrations must be consecutive: expected version "
                            + expected + " but found " + m.version() + " (" + m.description() + ")", null);
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                    // user_version is stored in the database header, so it commits with the transaction.
                    s.execute("PRAGMA user_version = " + m.version());
                }
                expected++;
            }
            return null;
        });
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StateException("Could not close the emulator state: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
