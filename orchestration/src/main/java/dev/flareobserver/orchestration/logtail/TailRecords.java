package dev.flareobserver.orchestration.logtail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.transport.CloudflareJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small JSON file listing every tail this app created and has not deleted yet, so that tails left by
 * a crash can be found and deleted in the next run. Writes replace the file atomically; one lock per file
 * serializes the sessions of this process (several processes sharing the file may race; the worst case is
 * a leftover not offered for cleanup, which then simply expires).
 */
final class TailRecords {
    private static final Logger LOG = LoggerFactory.getLogger(TailRecords.class);
    private static final ObjectMapper JSON = CloudflareJson.newObjectMapper();
    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() { };
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** Tails owned by sessions open in this process: not leftovers, whatever the file says. */
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    /** One recorded tail. */
    record Entry(@JsonProperty("accountId") String accountId, @JsonProperty("worker") String worker,
                 @JsonProperty("tailId") String tailId, @JsonProperty("expiresAt") Instant expiresAt,
                 @JsonProperty("createdAt") Instant createdAt) {
    }

    private final Path file;
    private final Object lock;
    private volatile boolean warned;

    TailRecords(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.file, f -> new Object());
    }

    /** {@code $XDG_STATE_HOME/flare-observer/tails.json}, else {@code ~/.local/state/flare-observer/tails.json}. */
    static Path defaultFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("flare-observer").resolve("tails.json");
    }

    Path file() {
        return file;
    }

    static boolean isLive(String tailId) {
        return LIVE.contains(tailId);
    }

    /** Records a tail this process just created (and owns). */
    void add(Entry entry) {
        LIVE.add(entry.tailId());
        synchronized (lock) {
            List<Entry> all = readQuietly();
            all.removeIf(e -> e.tailId().equals(entry.tailId()));
            all.add(entry);
            write(all);
        }
    }

    /** Forgets a tail that was deleted (or is gone). */
    void remove(String tailId) {
        LIVE.remove(tailId);
        synchronized (lock) {
            List<Entry> all = readQuietly();
            if (all.removeIf(e -> e.tailId().equals(tailId))) {
                write(all);
            }
        }
    }

    /** Marks a tail as no longer owned by a live session without forgetting it (it may still exist). */
    static void release(String tailId) {
        LIVE.remove(tailId);
    }

    /** Everything recorded; an unreadable file counts as empty (and is reported once). */
    List<Entry> read() {
        synchronized (lock) {
            return List.copyOf(readQuietly());
        }
    }

    private List<Entry> readQuietly() {
        try {
            List<Entry> entries = JSON.readValue(Files.readAllBytes(file), ENTRIES);
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) {
                if (e != null && e.tailId() != null && e.worker() != null && e.accountId() != null) {
                    out.add(e);
                }
            }
            return out;
        } catch (NoSuchFileException none) {
            return new ArrayList<>();
        } catch (IOException e) {
            warnOnce("The record of open tails " + file + " cannot be read (" + e.getMessage()
                    + "); tails left by an earlier run may not be offered for cleanup");
            return new ArrayList<>();
        }
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "tails", ".tmp");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), entries);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // Tailing works without the record; only the cleanup after a crash is lost.
            warnOnce("The record of open tails " + file + " cannot be written (" + e.getMessage()
                    + "); if the app is killed, its tails stay until they expire");
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
    }
}
