package dev.flareobserver.emulator.d1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The export polling flow: a dump is made on a background thread while the client polls with the export's
 * bookmark; when done, the SQL file is served from a signed URL (a random token is the credential) for an
 * hour, as R2's presigned URLs are. An export that is not polled for {@link #ABANDONED} is cancelled, as
 * Cloudflare documents.
 */
final class D1Exports implements AutoCloseable {

    static final Duration URL_LIFETIME = Duration.ofHours(1);
    static final Duration ABANDONED = Duration.ofSeconds(30);
    /** How long a poll waits for the dump to finish before it answers "active". */
    static final Duration POLL_WAIT = Duration.ofMillis(500);

    /** The work of one export: writes the dump, telling {@code progress} the rows written so far. */
    @FunctionalInterface
    interface Dumper {
        long dump(Writer out, java.util.function.LongConsumer progress) throws Exception;
    }

    /** A finished dump behind a signed URL. */
    record Download(Path file, String filename, Instant expires) {
    }

    /** One export, known by its database and the bookmark it was taken at. */
    static final class Job {
        final String filename;
        final String bookmark;
        private final List<String> pending = new ArrayList<>();
        private volatile String status = "active";
        private volatile String error;
        private volatile String token;
        private volatile long lastPolledNanos = System.nanoTime();

        Job(String filename, String bookmark) {
            this.filename = filename;
            this.bookmark = bookmark;
        }

        String status() {
            return status;
        }

        String error() {
            return error;
        }

        String token() {
            return token;
        }

        /** The log lines since the previous poll. */
        synchronized List<String> takeMessages() {
            List<String> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        synchronized void log(String line) {
            pending.add(line);
        }

        synchronized void finish(String endStatus, String failure, String downloadToken) {
            error = failure;
            token = downloadToken;
            status = endStatus;
            notifyAll();
        }

        /** Waits up to {@code wait} for the end; marks the job as polled. */
        synchronized void awaitEnd(Duration wait) throws InterruptedException {
            lastPolledNanos = System.nanoTime();
            long deadline = System.nanoTime() + wait.toNanos();
            while (status.equals("active")) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        boolean abandoned() {
            return System.nanoTime() - lastPolledNanos > ABANDONED.toNanos();
        }
    }

    private final Path dir;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

    D1Exports(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "flare-emulator-d1-export-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Signed URLs do not outlive the emulator, so neither do their files.
        deleteAll();
    }

    /** The running export of this database, or a new one started at {@code bookmark}. */
    synchronized Job start(String uuid, String bookmark, String filename, Dumper dumper) {
        Job running = jobs.get(uuid);
        if (running != null && running.status().equals("active")) {
            return running;
        }
        Job job = new Job(filename, bookmark);
        jobs.put(uuid, job);
        job.log("Generating " + filename);
        executor.execute(() -> run(job, dumper));
        return job;
    }

    /** The export of this database taken at {@code bookmark}, if it is still known. */
    Optional<Job> find(String uuid, String bookmark) {
        Job job = jobs.get(uuid);
        return job != null && job.bookmark.equals(bookmark) ? Optional.of(job) : Optional.empty();
    }

    /** Forgets a finished export (its download stays valid). */
    void forget(String uuid, Job job) {
        jobs.remove(uuid, job);
    }

    Optional<Download> download(String token) {
        return Optional.ofNullable(downloads.get(token));
    }

    Instant now() {
        return clock.instant();
    }

    private void run(Job job, Dumper dumper) {
        String token = java.util.UUID.randomUUID().toString().replace("-", "")
                + Long.toHexString(new java.security.SecureRandom().nextLong());
        Path file = dir.resolve(token + ".sql");
        int[] parts = {0};
        try {
            Files.createDirectories(dir);
            long rows;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                rows = dumper.dump(out, done -> {
                    if (job.abandoned()) {
                        throw new CancellationException("not polled for " + ABANDONED.toSeconds() + " s");
                    }
                    job.log("Uploaded part " + (++parts[0]));
                });
            }
            job.log("Finished export of " + rows + " rows");
            downloads.put(token, new Download(file, job.filename, clock.instant().plus(URL_LIFETIME)));
            job.finish("complete", null, token);
        } catch (CancellationException e) {
            delete(file);
            job.finish("error", "The export was cancelled: it was " + e.getMessage() + ".", null);
        } catch (Exception e) {
            delete(file);
            String message = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            job.finish("error", "The export failed: " + message, null);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the directory is cleared at the next start
        }
    }

    private void deleteAll() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.forEach(D1Exports::delete);
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** Forgets every export and download (after a state reset). */
    void clear() {
        jobs.clear();
        downloads.clear();
        deleteAll();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
