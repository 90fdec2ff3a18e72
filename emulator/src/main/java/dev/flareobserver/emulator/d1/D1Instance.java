package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One D1 database: a real SQLite file and the one connection to it. D1 runs a database's queries one at a
 * time; so does this (a lock), which also makes copying the file for time travel safe. A demo database gets its
 * tables and rows the first time its file is opened.
 */
final class D1Instance implements AutoCloseable {

    private final Path file;
    private final int demoScale;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    D1Instance(Path file, int demoScale) {
        this.file = file;
        this.demoScale = demoScale;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} alone on this database, opening it first if needed. */
    <T> T locked(StateStore.SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            return work.apply(open());
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} alone on this database with the file closed (to copy or replace it). */
    <T> T lockedClosed(FileWork<T> work) throws Exception {
        lock.lock();
        try {
            open();
            closeConnection();
            return work.apply(file);
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    interface FileWork<T> {
        T apply(Path file) throws Exception;
    }

    private Connection open() throws SQLException {
        if (connection == null) {
            boolean fresh = !Files.exists(file);
            Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
            try (Statement s = c.createStatement()) {
                // D1 enforces foreign keys.
                s.execute("PRAGMA foreign_keys = ON");
                if (fresh && demoScale > 0) {
                    D1DemoData.create(c, demoScale);
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** page_count x page_size: the file's size as SQLite sees it. */
    static long size(Connection c) throws SQLException {
        return pragma(c, "page_count") * pragma(c, "page_size");
    }

    /** Tables the user made (SQLite's own and Cloudflare's {@code _cf_} tables left out). */
    static int tableCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master"
                + " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void closeConnection() throws SQLException {
        if (connection != null) {
            Connection c = connection;
            connection = null;
            c.close();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeConnection();
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        } finally {
            lock.unlock();
        }
    }
}
