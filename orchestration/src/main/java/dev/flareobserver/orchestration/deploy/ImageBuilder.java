package dev.flareobserver.orchestration.deploy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import dev.flareobserver.orchestration.task.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleConsumer;

/**
 * Builds the scratch image of a native binary with Jib core (no Docker): OCI format, linux/amd64 (Jib's default
 * platform for a scratch base), the binary as {@code /app/<name>} with mode 755 as the entrypoint, the port exposed
 * and in {@code PORT}, and labels naming the binary and its SHA-256. Jib's layer caches live under {@code cacheDir},
 * so a second build of the same binary compresses nothing again. Jib's creation time is fixed (the epoch), so the
 * same binary always makes the same image digest.
 */
public final class ImageBuilder {

    static final String TOOL_NAME = "flare-observer";
    public static final String LABEL_SHA256 = "dev.flareobserver.binary.sha256";
    public static final String LABEL_CREATED_BY = "dev.flareobserver.created-by";

    private final Path cacheDir;

    public ImageBuilder(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Reads the binary once for its SHA-256; no image is built yet. */
    public ContainerImage describe(Path binary, String name, int port) throws IOException {
        String file = binary.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return new ContainerImage(binary, name, "/app/" + (file.isEmpty() || file.startsWith(".") ? name : file),
                port, sha256(binary));
    }

    /** Writes the image as an OCI tar named {@code reference} (e.g. for {@code skopeo copy oci-archive:...}). */
    public void writeTar(ContainerImage image, String reference, Path tar, DoubleConsumer progress, TaskContext task)
            throws Exception {
        Path parent = tar.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        containerize(image, Containerizer.to(TarImage.at(tar).named(reference)), progress, task);
    }

    JibContainerBuilder plan(ContainerImage image) {
        FileEntriesLayer layer = FileEntriesLayer.builder().setName("binary")
                .addEntry(image.binary(), AbsoluteUnixPath.get(image.entrypoint()),
                        FilePermissions.fromOctalString("755"))
                .build();
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(layer)
                .setEntrypoint(image.entrypoint())
                .setExposedPorts(Port.tcp(image.port()))
                // Cloudflare (and the emulator) set PORT themselves; the image's value is for running it elsewhere.
                .addEnvironmentVariable("PORT", Integer.toString(image.port()))
                .addLabel("org.opencontainers.image.title", image.name())
                .addLabel(LABEL_SHA256, image.sha256())
                .addLabel(LABEL_CREATED_BY, TOOL_NAME);
    }

    /**
     * Runs Jib on a pool of its own so a cancelled task stops it (the pool is interrupted). {@code progress} gets
     * Jib's overall fraction, 0..1.
     */
    JibContainer containerize(ContainerImage image, Containerizer to, DoubleConsumer progress, TaskContext task)
            throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jib-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DoubleAdder done = new DoubleAdder();
        to.setExecutorService(pool)
                .setBaseImageLayersCache(cacheDir.resolve("base"))
                .setApplicationLayersCache(cacheDir.resolve("app"))
                .setToolName(TOOL_NAME)
                .addEventHandler(ProgressEvent.class, e -> {
                    done.add(e.getAllocation().getFractionOfRoot() * e.getUnits());
                    progress.accept(Math.min(1, done.sum()));
                });
        JibContainerBuilder jib = plan(image);
        try {
            Future<JibContainer> run = pool.submit(() -> jib.containerize(to));
            while (true) {
                try {
                    return run.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (task.isCancelled()) {
                        run.cancel(true);
                        throw new CancellationException("cancelled");
                    }
                } catch (InterruptedException e) {
                    run.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
