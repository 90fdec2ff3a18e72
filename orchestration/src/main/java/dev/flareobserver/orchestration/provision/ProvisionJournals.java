package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.transport.CloudflareJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply journals on disk: one NDJSON file per apply, each line forced to disk before the step it
 * announces runs (and again after), so a crash at any point leaves a journal that says how far it got.
 */
public final class ProvisionJournals {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionJournals.class);
    private static final ObjectMapper JSON = CloudflareJson.newObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;

    public ProvisionJournals(Path dir, Clock clock) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code $XDG_STATE_HOME/flare-observer/provision}, else {@code ~/.local/state/flare-observer/provision}. */
    public static Path defaultDir() {
        return dev.flareobserver.orchestration.resources.AuditTrail.defaultFile().getParent().resolve("provision");
    }

    java.time.Clock clock() {
        return clock;
    }

    public Path dir() {
        return dir;
    }

    /** A new journal for an apply; its id sorts by start time. */
    Journal open(JournalHeader header) {
        Path file = dir.resolve(header.applyId() + ".ndjson");
        Journal journal = new Journal(file);
        journal.append(JournalEvent.of("start", clock.instant()).header(header));
        return journal;
    }

    Journal reopen(ApplyRecord record) {
        return new Journal(record.file());
    }

    String newId() {
        return ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every apply journaled here, newest first. Files that do not read are skipped (and logged). */
    public List<ApplyRecord> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ApplyRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".ndjson")).toList()) {
                load(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the apply journals in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ApplyRecord::startedAt).thenComparing(ApplyRecord::applyId).reversed());
        return out;
    }

    /** Unfinished applies of this config file (absolute path), newest first. */
    public List<ApplyRecord> unfinished(Path configFile) {
        String wanted = configFile.toAbsolutePath().normalize().toString();
        return list().stream().filter(r -> !r.isFinished() && r.header().configFile().equals(wanted)).toList();
    }

    public Optional<ApplyRecord> find(String applyId) {
        return list().stream().filter(r -> r.applyId().equals(applyId)).findFirst();
    }

    private Optional<ApplyRecord> load(Path file) {
        try {
            ApplyRecord record = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JournalEvent e;
                try {
                    e = JSON.readValue(line, JournalEvent.class);
                } catch (IOException torn) {
                    // A line cut by a crash mid-write: everything before it counts.
                    break;
                }
                if (record == null) {
                    if (!"start".equals(e.type()) || e.header() == null) {
                        return Optional.empty();
                    }
                    record = new ApplyRecord(file, e.header(), e.at());
                }
                record.apply(e);
            }
            return Optional.ofNullable(record);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping the apply journal {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** An open journal: each append is written and forced to disk before it returns. */
    final class Journal {
        private final Path file;

        private Journal(Path file) {
            this.file = file;
        }

        Path file() {
            return file;
        }

        void append(JournalEvent event) {
            try {
                Files.createDirectories(file.getParent());
                byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    out.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the apply journal " + file + ": " + e.getMessage(), e);
            }
        }

        Clock clock() {
            return clock;
        }
    }
}
