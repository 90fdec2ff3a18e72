package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.r2.R2Problem;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.task.TaskContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the {@code r2} commands share: a connected {@link R2Service} writing through an unlocked door into the
 * audit file (the command line is an explicit operator action), failures printed in words with the right exit
 * code, JSON output, and transfers that print progress and stop cleanly on Ctrl+C.
 */
final class R2Cli {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private R2Cli() {
    }

    interface Work {
        int run(R2Service r2) throws Exception;
    }

    /**
     * Runs {@code work} on the current account. Input refused locally exits with USAGE (nothing was sent), a
     * failure from Cloudflare or the network with FAILURE; both are printed as sentences.
     */
    static int withService(CliContext ctx, String action, Work work) throws Exception {
        return CliConnections.withConnection(ctx, true, (connection, snapshot) -> {
            ResourceWrites writes = CliConnections.writes(ctx);
            try {
                return work.run(new R2Service(connection, writes));
            } catch (InvalidResourceInputException | ConfirmationMismatchException e) {
                ctx.err().println("Error: " + e.getMessage());
                return FlareCli.USAGE;
            } catch (RuntimeException e) {
                R2Problem p = R2Problem.of(action, e);
                ctx.err().println("Error: " + p.message());
                if (!p.details().isBlank()) {
                    ctx.err().println("  " + p.details());
                }
                return FlareCli.FAILURE;
            }
        });
    }

    /** "bucket/key/with/slashes" -> {bucket, key}; the key may be empty (a bucket's top). */
    static String[] bucketAndKey(String path) {
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        R2Service.validateBucketName(bucket);
        return new String[] {bucket, slash < 0 ? "" : path.substring(slash + 1)};
    }

    /**
     * Runs a transfer with progress lines on stderr (every 10 %) and a shutdown hook: Ctrl+C cancels it and
     * waits for the clean-up (no object stored, no partial file) before the JVM exits.
     */
    static <T> T transfer(CliContext ctx, Function<TaskContext, T> work) {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flare-r2-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.apply(new TaskContext() {
                private int tenth;
                private int printed = -1;

                @Override
                public void progress(double fraction) {
                    tenth = (int) (fraction * 10);
                }

                @Override
                public void message(String text) {
                    // The service reports each whole percent; a line per 10 % is enough for a terminal.
                    if (tenth != printed) {
                        printed = tenth;
                        ctx.err().println(text);
                    }
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }

                @Override
                public void throwIfCancelled() {
                    if (cancelled.get()) {
                        throw new CancellationException();
                    }
                }
            });
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waited for us and the JVM ends next.
            }
        }
    }

    static void printJson(CliContext ctx, Object value) throws Exception {
        ctx.out().println(JSON.writeValueAsString(value));
    }

    static Map<String, Object> json(R2Bucket b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("creation_date", b.creationDate() == null ? null : b.creationDate().toString());
        m.put("location", b.location() == null ? null : b.location().wireValue());
        m.put("storage_class", b.storageClass() == null ? null : b.storageClass().wireValue());
        return m;
    }

    static Map<String, Object> json(R2Object o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", o.key());
        m.put("size", o.size());
        m.put("etag", o.etag());
        m.put("last_modified", o.lastModified() == null ? null : o.lastModified().toString());
        m.put("content_type", o.contentType());
        m.put("storage_class", o.storageClass() == null ? null : o.storageClass().wireValue());
        m.put("custom_metadata", o.customMetadata());
        return m;
    }
}
