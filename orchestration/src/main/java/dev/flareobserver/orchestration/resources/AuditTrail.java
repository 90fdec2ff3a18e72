package dev.flareobserver.orchestration.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.transport.CloudflareJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write the resource services attempted, newest last. Kept in memory and, when a file is given,
 * appended to it as NDJSON (one entry per line), so the trail survives a restart; the last
 * {@value #KEPT} entries are loaded back at start. Thread-safe.
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = CloudflareJson.newObjectMapper();
    static final int KEPT = 10_000;

    private final Path file;
    private final List<AuditEntry> entries = new ArrayList<>();
    private final List<Consumer<AuditEntry>> listeners = new CopyOnWriteArrayList<>();
    private boolean warned;

    private AuditTrail(Path file) {
        this.file = file;
    }

    /** A trail that lives only as long as this object (tests, the command line). */
    public static AuditTrail inMemory() {
        return new AuditTrail(null);
    }

    /** A trail appended to {@code file}; earlier entries in it are loaded (lines that do not parse are skipped). */
    public static AuditTrail persistent(Path file) {
        AuditTrail trail = new AuditTrail(Objects.requireNonNull(file));
        trail.load();
        return trail;
    }

    /** {@code $XDG_STATE_HOME/flare-observer/audit.ndjson}, else {@code ~/.local/state/flare-observer/audit.ndjson}. */
    public static Path defaultFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("flare-observer").resolve("audit.ndjson");
    }

    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry);
        synchronized (entries) {
            entries.add(entry);
            if (entries.size() > KEPT) {
                entries.subList(0, entries.size() - KEPT).clear();
            }
            append(entry);
        }
        for (Consumer<AuditEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** A copy, oldest first. */
    public List<AuditEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Told each new entry on the thread that recorded it. */
    public void addListener(Consumer<AuditEntry> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<AuditEntry> listener) {
        listeners.remove(listener);
    }

    /** Writes every entry as NDJSON to {@code target}. */
    public void exportNdjson(Path target) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (AuditEntry entry : entries()) {
                out.write(JSON.writeValueAsString(entry));
                out.newLine();
            }
        }
    }

    private void load() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readValue(line, AuditEntry.class));
                } catch (JsonProcessingException | RuntimeException broken) {
                    LOG.debug("Skipping an audit line that does not parse: {}", broken.getMessage());
                }
            }
            if (entries.size() > KEPT) {
                entries.subList(0, entries.size() - KEPT).clear();
            }
        } catch (NoSuchFileException absent) {
            // first run
        } catch (IOException e) {
            LOG.warn("Could not read the audit trail {}: {}", file, e.getMessage());
        }
    }

    private void append(AuditEntry entry) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | UncheckedIOException e) {
            // The write itself happened; losing the disk copy is worth one warning, not a failed operation.
            if (!warned) {
                warned = true;
                LOG.warn("Could not append to the audit trail {}: {}", file, e.getMessage());
            }
        }
    }
}
