package dev.flareobserver.emulator.r2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.emulator.http.Json;
import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.state.StateStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * R2 buckets and object rows in the emulator's SQLite state; object bodies as files under
 * {@code <dataDir>/r2/objects}, never in SQLite and never whole in memory. An upload is streamed into
 * {@code r2/incoming} and only moved in and recorded once complete, so a cut-off upload leaves nothing behind.
 * Demo objects have no file until first read: their bytes are generated then ({@link R2DemoData}).
 */
final class R2Store {

    record BucketRow(String accountId, String name, Instant created, String location, String storageClass) {
    }

    /**
     * @param httpMetadata R2's http_metadata (camelCase names: contentType, cacheControl, ...)
     * @param file         the body's file name under {@code r2/objects}; null for a demo object not yet read
     * @param demo         how a demo object's bytes are generated; null for uploaded objects
     */
    record ObjectRow(String accountId, String bucket, String key, long size, String etag, Instant uploaded,
                     Map<String, String> httpMetadata, Map<String, String> customMetadata, String storageClass,
                     String file, String demo) {
    }

    /** What an upload stores besides its bytes. */
    record Upload(Map<String, String> httpMetadata, Map<String, String> customMetadata, String storageClass) {
    }

    /** The upload's body went over the limit; nothing was stored. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("The body is larger than the upload limit");
        }
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final String OBJECT_COLUMNS =
            "account_id, bucket, key, size, etag, uploaded, http_metadata, custom_metadata, storage_class, file, demo";
    private static final int COPY_BUFFER = 128 * 1024;

    private final StateStore state;
    private final Path objectsDir;
    private final Path incomingDir;
    private final Object demoLock = new Object();

    R2Store(StateStore state, Path dataDir) {
        this.state = state;
        Path root = dataDir.resolve("r2");
        this.objectsDir = root.resolve("objects");
        this.incomingDir = root.resolve("incoming");
    }

    /** Creates the tables and directories, and drops what an interrupted run left in {@code incoming}. */
    void open() {
        state.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS r2_buckets (account_id TEXT NOT NULL, name TEXT NOT NULL, "
                        + "created TEXT NOT NULL, location TEXT NOT NULL, storage_class TEXT NOT NULL, "
                        + "PRIMARY KEY (account_id, name))");
                s.execute("CREATE TABLE IF NOT EXISTS r2_objects (account_id TEXT NOT NULL, bucket TEXT NOT NULL, "
                        + "key TEXT NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL, uploaded TEXT NOT NULL, "
                        + "http_metadata TEXT NOT NULL, custom_metadata TEXT NOT NULL, storage_class TEXT NOT NULL, "
                        + "file TEXT, demo TEXT, PRIMARY KEY (account_id, bucket, key))");
                s.execute("CREATE TABLE IF NOT EXISTS r2_seeded (account_id TEXT PRIMARY KEY)");
            }
            return null;
        });
        deleteTree(incomingDir);
        createDirectories();
    }

    private void createDirectories() {
        try {
            Files.createDirectories(objectsDir);
            Files.createDirectories(incomingDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the R2 data directories under " + objectsDir.getParent(), e);
        }
    }

    /** The state's rows are gone ({@code reset}): the bodies go too. */
    void clearFiles() {
        deleteTree(objectsDir);
        deleteTree(incomingDir);
        createDirectories();
    }

    // --- buckets -------------------------------------------------------------------------------------

    List<BucketRow> buckets(String accountId) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, name, created, location, storage_class "
                    + "FROM r2_buckets WHERE account_id = ? ORDER BY name")) {
                ps.setString(1, accountId);
                List<BucketRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(bucketRow(rs));
                    }
                }
                return out;
            }
        });
    }

    Optional<BucketRow> bucket(String accountId, String name) {
        return buckets(accountId).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Empty when the account already has a bucket of that name. */
    Optional<BucketRow> createBucket(BucketRow row) {
        return state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO r2_buckets "
                    + "(account_id, name, created, location, storage_class) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, row.accountId());
                ps.setString(2, row.name());
                ps.setString(3, row.created().toString());
                ps.setString(4, row.location());
                ps.setString(5, row.storageClass());
                return ps.executeUpdate() == 1 ? Optional.of(row) : Optional.empty();
            }
        });
    }

    enum BucketDeletion { DELETED, NOT_FOUND, NOT_EMPTY }

    BucketDeletion deleteBucket(String accountId, String name) {
        return state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM r2_objects WHERE account_id = ? AND bucket = ? LIMIT 1")) {
                ps.setString(1, accountId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return bucketExists(c, accountId, name) ? BucketDeletion.NOT_EMPTY : BucketDeletion.NOT_FOUND;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM r2_buckets WHERE account_id = ? AND name = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, name);
                return ps.executeUpdate() == 1 ? BucketDeletion.DELETED : BucketDeletion.NOT_FOUND;
            }
        });
    }

    private static boolean bucketExists(Connection c, String accountId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM r2_buckets WHERE account_id = ? AND name = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // --- objects -------------------------------------------------------------------------------------

    Optional<ObjectRow> object(String accountId, String bucket, String key) {
        return state.read(c -> selectObject(c, accountId, bucket, key));
    }

    private static Optional<ObjectRow> selectObject(Connection c, String accountId, String bucket, String key)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + OBJECT_COLUMNS
                + " FROM r2_objects WHERE account_id = ? AND bucket = ? AND key = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, bucket);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(objectRow(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Up to {@code limit} objects with keys after {@code after} and from {@code prefix} on, in key order (SQLite
     * compares TEXT as UTF-8 bytes, the order R2 lists in). The caller stops at the first key outside the prefix.
     */
    List<ObjectRow> scan(String accountId, String bucket, String prefix, String after, int limit) {
        return state.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OBJECT_COLUMNS + " FROM r2_objects "
                    + "WHERE account_id = ? AND bucket = ? AND key > ? AND key >= ? ORDER BY key LIMIT ?")) {
                ps.setString(1, accountId);
                ps.setString(2, bucket);
                ps.setString(3, after);
                ps.setString(4, prefix);
                ps.setInt(5, limit);
                List<ObjectRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(objectRow(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Streams {@code body} into a new file and records it under {@code key}, replacing any object there. The
     * row changes only after the whole body arrived (and, when {@code declaredLength >= 0}, was that long).
     *
     * @throws TooLargeException past {@code maxBytes}
     * @throws IOException       when the client goes away or sends less than it announced; nothing is stored
     */
    ObjectRow put(String accountId, String bucket, String key, InputStream body, long declaredLength, long maxBytes,
                  Upload upload, Instant now) throws IOException {
        String name = UUID.randomUUID().toString().replace("-", "");
        Path incoming = incomingDir.resolve(name + ".part");
        Path stored = objectsDir.resolve(name);
        try {
            MessageDigest md5 = md5();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(incoming)) {
                byte[] buffer = new byte[COPY_BUFFER];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException();
                    }
                    md5.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (declaredLength >= 0 && size != declaredLength) {
                throw new IOException("The body ended after " + size + " of " + declaredLength + " bytes");
            }
            Files.move(incoming, stored, StandardCopyOption.ATOMIC_MOVE);
            ObjectRow row = new ObjectRow(accountId, bucket, key, size, Ids.hex(md5.digest(), 16), now,
                    upload.httpMetadata(), upload.customMetadata(), upload.storageClass(), name, null);
            String replaced = record(row);
            deleteBody(replaced);
            return row;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(incoming);
            if (object(accountId, bucket, key).map(r -> !name.equals(r.file())).orElse(true)) {
                Files.deleteIfExists(stored);
            }
            throw e;
        }
    }

    /** Inserts or replaces the row; returns the file the replaced object had (to delete), or null. */
    private String record(ObjectRow row) {
        return state.write(c -> {
            if (!bucketExists(c, row.accountId(), row.bucket())) {
                // Deleted while the body was arriving.
                throw R2Errors.noSuchBucket();
            }
            String old = selectObject(c, row.accountId(), row.bucket(), row.key()).map(ObjectRow::file).orElse(null);
            insert(c, row, "INSERT OR REPLACE");
            return old;
        });
    }

    private static void insert(Connection c, ObjectRow row, String verb) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(verb + " INTO r2_objects (" + OBJECT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.accountId());
            ps.setString(2, row.bucket());
            ps.setString(3, row.key());
            ps.setLong(4, row.size());
            ps.setString(5, row.etag());
            ps.setString(6, row.uploaded().toString());
            ps.setString(7, json(row.httpMetadata()));
            ps.setString(8, json(row.customMetadata()));
            ps.setString(9, row.storageClass());
            ps.setString(10, row.file());
            ps.setString(11, row.demo());
            ps.executeUpdate();
        }
    }

    /** False when there was no such object. */
    boolean deleteObject(String accountId, String bucket, String key) throws IOException {
        String file = state.write(c -> {
            Optional<ObjectRow> row = selectObject(c, accountId, bucket, key);
            if (row.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM r2_objects WHERE account_id = ? AND bucket = ? AND key = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, bucket);
                ps.setString(3, key);
                ps.executeUpdate();
            }
            return row.get().file() == null ? "" : row.get().file();
        });
        if (file == null) {
            return false;
        }
        deleteBody(file);
        return true;
    }

    /**
     * The file holding the object's bytes. A demo object's bytes are generated into one on first use (the
     * large demo file is tens of MB: never at start-up); an object replaced meanwhile is looked up again.
     */
    Path body(ObjectRow row) throws IOException {
        if (row.file() != null) {
            return objectsDir.resolve(row.file());
        }
        synchronized (demoLock) {
            Optional<ObjectRow> now = object(row.accountId(), row.bucket(), row.key());
            if (now.isEmpty()) {
                throw new NoSuchFileException(row.key());
            }
            if (now.get().file() != null) {
                return objectsDir.resolve(now.get().file());
            }
            String name = UUID.randomUUID().toString().replace("-", "");
            Path incoming = incomingDir.resolve(name + ".part");
            try (OutputStream out = Files.newOutputStream(incoming)) {
                R2DemoData.write(now.get().demo(), out);
            }
            Files.move(incoming, objectsDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            state.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE r2_objects SET file = ? "
                        + "WHERE account_id = ? AND bucket = ? AND key = ? AND file IS NULL")) {
                    ps.setString(1, name);
                    ps.setString(2, row.accountId());
                    ps.setString(3, row.bucket());
                    ps.setString(4, row.key());
                    return ps.executeUpdate();
                }
            });
            return objectsDir.resolve(name);
        }
    }

    // --- demo data -----------------------------------------------------------------------------------

    Set<String> seededAccounts() {
        return state.read(c -> {
            Set<String> out = new java.util.HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id FROM r2_seeded")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Adds an account's demo buckets and objects (bodies come later), once: a deleted demo object stays deleted. */
    void seed(String accountId, List<BucketRow> buckets, List<ObjectRow> objects) {
        state.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO r2_seeded (account_id) VALUES (?)")) {
                ps.setString(1, accountId);
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO r2_buckets "
                    + "(account_id, name, created, location, storage_class) VALUES (?, ?, ?, ?, ?)")) {
                for (BucketRow b : buckets) {
                    ps.setString(1, b.accountId());
                    ps.setString(2, b.name());
                    ps.setString(3, b.created().toString());
                    ps.setString(4, b.location());
                    ps.setString(5, b.storageClass());
                    ps.executeUpdate();
                }
            }
            for (ObjectRow o : objects) {
                insert(c, o, "INSERT OR IGNORE");
            }
            return null;
        });
    }

    // --- helpers -------------------------------------------------------------------------------------

    private void deleteBody(String file) throws IOException {
        if (file != null && !file.isEmpty()) {
            Files.deleteIfExists(objectsDir.resolve(file));
        }
    }

    private static BucketRow bucketRow(ResultSet rs) throws SQLException {
        return new BucketRow(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getString(4),
                rs.getString(5));
    }

    private static ObjectRow objectRow(ResultSet rs) throws SQLException {
        return new ObjectRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Instant.parse(rs.getString(6)), map(rs.getString(7)), map(rs.getString(8)), rs.getString(9),
                rs.getString(10), rs.getString(11));
    }

    private static String json(Map<String, String> map) {
        try {
            return Json.MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A string map is always JSON", e);
        }
    }

    private static Map<String, String> map(String json) {
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, STRING_MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored R2 metadata is not JSON: " + json, e);
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + dir, e);
        }
    }
}
