package dev.flareobserver.emulator.d1;

import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * D1 as the routes see it: the databases of an account, their SQL, and their time travel.
 *
 * <p>Time travel, kept simple and real: every query that changes a database first copies its file (the
 * state before), and the write starts a new state; a bookmark names a state. The last {@value #KEPT_STATES}
 * earlier states are kept (Cloudflare keeps 30 days). A restore copies the chosen state back, after keeping
 * the current one, so the restore itself can be undone with the previous bookmark.
 */
final class D1Databases implements AutoCloseable {

    /** Chosen: Cloudflare allows 10 databases on the free plan and 50,000 on paid ones. */
    static final int MAX_DATABASES = 50;
    /** Unconfirmed: D1 documents the characters (the OpenAPI pattern) but not a length. */
    static final int MAX_NAME_LENGTH = 64;
    static final int KEPT_STATES = 10;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-_]*$");

    record Details(long fileSize, int tables) {
    }

    record Restored(String bookmark, String previousBookmark, String message) {
    }

    private final D1Catalog catalog;
    private final Path dir;
    private final Clock clock;
    private final Map<String, D1Instance> instances = new ConcurrentHashMap<>();
    private final D1Exports exports;

    D1Databases(StateStore state, Path dataDir, Clock clock) {
        this.catalog = new D1Catalog(state);
        this.dir = dataDir.resolve("d1");
        this.clock = clock;
        this.exports = new D1Exports(dir.resolve("exports"), clock);
    }

    D1Catalog catalog() {
        return catalog;
    }

    D1Exports exports() {
        return exports;
    }

    List<D1Catalog.Db> list(String accountId) {
        return catalog.list(accountId);
    }

    /** By id, or by name as wrangler's {@code d1 info NAME} asks. */
    D1Catalog.Db get(String accountId, String idOrName) {
        return catalog.find(accountId, idOrName).orElseThrow(() -> D1Errors.notFound(idOrName));
    }

    D1Catalog.Db create(String accountId, String name, String location) {
        if (name == null || name.isBlank()) {
            throw D1Errors.invalid("name", "Required");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw D1Errors.invalid("name", "must be 1 to " + MAX_NAME_LENGTH + " characters of a-z, 0-9, '-' and '_',"
                    + " starting with a letter or digit");
        }
        if (catalog.count(accountId) >= MAX_DATABASES) {
            throw new ApiException(400, D1Errors.TOO_MANY_DATABASES, "You have reached the maximum number of D1"
                    + " databases (" + MAX_DATABASES + ") for this account.");
        }
        Instant now = clock.instant();
        D1Catalog.Db db = new D1Catalog.Db(UUID.randomUUID().toString(), accountId, name, now, location, 0, 1, now);
        if (!catalog.insert(db)) {
            throw new ApiException(400, D1Errors.DUPLICATE_NAME, "A database with that name already exists.");
        }
        return db;
    }

    /** A demo database, made once per account: its rows are written when it is first used. */
    void createDemo(String accountId, String name, String location, int scale, Instant createdAt) {
        String uuid = UUID.nameUUIDFromBytes(("d1/" + accountId + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
        catalog.insert(new D1Catalog.Db(uuid, accountId, name, createdAt, location, scale, 1, createdAt));
    }

    Details details(D1Catalog.Db db) {
        return sql(db, c -> new Details(D1Instance.size(c), D1Instance.tableCount(c)));
    }

    void delete(D1Catalog.Db db) {
        D1Instance in = instance(db);
        in.close();
        instances.remove(db.uuid());
        List<String> snapshots = catalog.delete(db.uuid());
        deleteQuietly(in.file());
        snapshots.forEach(s -> deleteQuietly(dir.resolve(s)));
    }

    /**
     * Runs the statements of {@code sql} as one batch: all of them or none (a failure rolls back what the
     * earlier ones did). A batch that changed the database starts a new time-travel state.
     */
    List<D1Batch.Result> query(D1Catalog.Db db, String sql, List<Object> params) {
        if (sql.getBytes(StandardCharsets.UTF_8).length > D1Batch.MAX_SQL_BYTES) {
            throw D1Errors.sql("statement too long: SQLITE_TOOBIG");
        }
        List<D1Sql.Statement> statements = D1Sql.split(sql);
        if (statements.isEmpty()) {
            // Unconfirmed wording.
            throw D1Errors.sql("No SQL statements detected.");
        }
        D1Batch.check(statements);
        boolean readOnly = statements.stream().allMatch(D1Sql.Statement::isReadOnly);
        D1Instance in = instance(db);
        return sqlOn(in, c -> {
            D1Catalog.Db now = catalog.byUuid(db.uuid()).orElseThrow(() -> D1Errors.notFound(db.uuid()));
            // No transaction is open between queries, so the file is a consistent copy of the state before.
            String snapshot = readOnly ? null : copy(in.file(), now);
            boolean changed = false;
            c.setAutoCommit(false);
            try {
                List<D1Batch.Result> results = D1Batch.run(c, statements, params);
                c.commit();
                changed = results.stream().anyMatch(r -> r.meta().changedDb());
                return results;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                if (snapshot != null) {
                    if (changed) {
                        advance(now, snapshot);
                    } else {
                        deleteQuietly(dir.resolve(snapshot));
                    }
                }
            }
        });
    }

    /** The bookmark of the database's current state. */
    String bookmark(D1Catalog.Db db) {
        D1Catalog.Db now = catalog.byUuid(db.uuid()).orElseThrow(() -> D1Errors.notFound(db.uuid()));
        return bookmarkOf(now.uuid(), now.version());
    }

    /** The bookmark of the state the database was in at {@code at}. */
    String bookmarkAt(D1Catalog.Db db, Instant at) {
        D1Catalog.Db now = catalog.byUuid(db.uuid()).orElseThrow(() -> D1Errors.notFound(db.uuid()));
        if (!at.isBefore(now.versionAt())) {
            return bookmarkOf(now.uuid(), now.version());
        }
        List<D1Catalog.PastState> past = catalog.history(now.uuid());
        for (int i = past.size() - 1; i >= 0; i--) {
            if (!at.isBefore(past.get(i).startedAt())) {
                return bookmarkOf(now.uuid(), past.get(i).version());
            }
        }
        Instant oldest = past.isEmpty() ? now.versionAt() : past.get(0).startedAt();
        throw D1Errors.invalid("timestamp", "no bookmark at or before " + at + ": the oldest state kept began at "
                + oldest);
    }

    Restored restore(D1Catalog.Db db, String bookmark) {
        D1Instance in = instance(db);
        try {
            return in.lockedClosed(file -> {
                D1Catalog.Db now = catalog.byUuid(db.uuid()).orElseThrow(() -> D1Errors.notFound(db.uuid()));
                String current = bookmarkOf(now.uuid(), now.version());
                if (bookmark.equals(current)) {
                    return new Restored(current, current, "The database is already at bookmark " + bookmark);
                }
                D1Catalog.PastState target = catalog.history(now.uuid()).stream()
                        .filter(p -> bookmarkOf(p.uuid(), p.version()).equals(bookmark)).findFirst()
                        .orElseThrow(() -> D1Errors.invalid("bookmark", "unknown or no longer kept for this database"
                                + " (the last " + KEPT_STATES + " states are kept)"));
                String snapshot = copy(file, now);
                Files.copy(dir.resolve(target.snapshot()), file, StandardCopyOption.REPLACE_EXISTING);
                advance(now, snapshot);
                return new Restored(bookmarkOf(now.uuid(), now.version() + 1), current,
                        "Restored the database to bookmark " + bookmark);
            });
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("D1 restore failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on the database alone (for exports: nothing changes it meanwhile). */
    <T> T sql(D1Catalog.Db db, StateStore.SqlWork<T> work) {
        return sqlOn(instance(db), work);
    }

    private <T> T sqlOn(D1Instance in, StateStore.SqlWork<T> work) {
        try {
            return in.locked(work);
        } catch (SQLException e) {
            throw D1Errors.fromSqlite(e, -1);
        }
    }

    /**
     * "00000003-xxxxxxxx-xxxxxxxx-<32 hex>": the state's number, then a digest of database and number, so a
     * bookmark of one database means nothing to another (D1's bookmarks have the same shape).
     */
    static String bookmarkOf(String uuid, long version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((uuid + "/" + version).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return String.format("%08x-%s-%s-%s", version, hex.substring(0, 8), hex.substring(8, 16),
                    hex.substring(16, 48));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private D1Instance instance(D1Catalog.Db db) {
        return instances.computeIfAbsent(db.uuid(), id -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new D1Instance(dir.resolve(id + ".sqlite"), db.demoScale());
        });
    }

    /** Copies the database file as the snapshot of its current state; returns the snapshot's name. */
    private String copy(Path file, D1Catalog.Db state) {
        String name = state.uuid() + ".v" + state.version() + ".sqlite";
        try {
            Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the state before the write: " + e.getMessage(), e);
        }
        return name;
    }

    private void advance(D1Catalog.Db state, String snapshot) {
        catalog.advance(state, snapshot, clock.instant(), KEPT_STATES).forEach(s -> deleteQuietly(dir.resolve(s)));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file does no harm; the state no longer points at it
        }
    }

    /** After a state reset: every database is gone, so are their files. */
    void clear() {
        closeAll();
        exports.clear();
        if (Files.isDirectory(dir)) {
            List<Path> files = new ArrayList<>();
            try (var list = Files.list(dir)) {
                list.filter(Files::isRegularFile).forEach(files::add);
            } catch (IOException ignored) {
                // nothing to clear
            }
            files.forEach(D1Databases::deleteQuietly);
        }
    }

    Optional<D1Exports.Download> download(String token) {
        return exports.download(token);
    }

    private void closeAll() {
        instances.values().forEach(D1Instance::close);
        instances.clear();
    }

    @Override
    public void close() {
        exports.close();
        closeAll();
    }
}
