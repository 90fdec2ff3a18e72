package dev.flareobserver.bench;

import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.resources.r2.R2Upload;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * R2 upload numbers against the in-process emulator on loopback, in one run so they compare as a ratio: a
 * 100 MB file uploaded through the app's R2 service (orchestration -> core-api -> transport, streamed, with
 * progress) next to a raw OkHttp PUT of the same file to the same endpoint; and the heap used while uploading
 * 10 MB and 100 MB, which must not grow with the file.
 */
final class R2Benchmarks {

    private static final long MB = 1024 * 1024;
    private static final int ROUNDS = 7;
    private static final int WARM_UPS = 3;
    /** The heap of the child JVM that uploads 100 MB: far too small to hold the file. */
    private static final String SMALL_HEAP = "-Xmx40m";

    static String run() throws Exception {
        Path dir = Files.createTempDirectory("flare-r2-bench");
        try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
             AccountConnection connection = Monitors.connect(emulator)) {
            Path file100 = file(dir.resolve("100mb.bin"), 100 * MB);
            Path file10 = file(dir.resolve("10mb.bin"), 10 * MB);
            R2Service r2 = new R2Service(connection, ResourceWrites.unlockedInMemory());
            String url = emulator.baseUrl() + "/accounts/" + connection.currentAccount().orElseThrow().id()
                    + "/r2/buckets/scratch-space/objects/raw-100mb.bin";
            OkHttpClient raw = new OkHttpClient.Builder().readTimeout(2, TimeUnit.MINUTES)
                    .writeTimeout(2, TimeUnit.MINUTES).build();

            // Warm both paths (JIT compiles count as CPU time too, connections, the emulator's file writes),
            // then alternate so drift hits both.
            for (int i = 0; i < WARM_UPS; i++) {
                rawPut(raw, url, emulator.userToken(), file100);
                serviceUpload(r2, file100, "ours-100mb.bin");
            }
            double[] rawSeconds = new double[ROUNDS];
            double[] ourSeconds = new double[ROUNDS];
            double[] rawCpu = new double[ROUNDS];
            double[] ourCpu = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                // ABBA order: whichever goes first in a round gets no systematic advantage.
                int round = i;
                Upload rawRound = () -> rawSeconds[round] = rawPut(raw, url, emulator.userToken(), file100);
                Upload ourRound = () -> ourSeconds[round] = serviceUpload(r2, file100, "ours-100mb.bin");
                if (i % 2 == 0) {
                    rawCpu[i] = cpuSeconds(rawRound);
                    ourCpu[i] = cpuSeconds(ourRound);
                } else {
                    ourCpu[i] = cpuSeconds(ourRound);
                    rawCpu[i] = cpuSeconds(rawRound);
                }
            }
            double cpuRatio = median(rawCpu) / median(ourCpu);
            double rawMbs = 100 / median(rawSeconds);
            double ourMbs = 100 / median(ourSeconds);
            double ratio = ourMbs / rawMbs;
            double bestRatio = Arrays.stream(rawSeconds).min().orElseThrow() / Arrays.stream(ourSeconds).min().orElseThrow();

            long[] heap10 = heapDuring(() -> serviceUpload(r2, file10, "heap-10mb.bin"));
            long[] heap100 = heapDuring(() -> serviceUpload(r2, file100, "heap-100mb.bin"));
            raw.dispatcher().executorService().shutdown();
            raw.connectionPool().evictAll();
            String smallHeap = smallHeapUpload(file100);

            return String.format(Locale.ROOT, """
                    ## R2: 100 MB upload vs raw OkHttp, and heap while uploading

                    Targets: a 100 MB upload through the app's R2 service at >= 0.8 x the throughput of a raw OkHttp
                    PUT of the same file to the same emulator endpoint (loopback, emulator in the same JVM, writing
                    the body to its data directory and hashing it); streamed, so the heap does not grow with the file.
                    Ours: `R2Service.upload` (validation, ResourceWrites, core-api `put`, the transport's streamed body
                    with progress and cancel checks, retries, rate budget). Raw: `OkHttpClient` with
                    `RequestBody.create(file)`. %d warm-ups each, then %d rounds in ABBA order; medians. On a busy
                    machine single rounds stray (other processes take the cores), so the ratio of the best rounds
                    is given too: it shows the code's own cost best.

                    | client | seconds per 100 MB (rounds) | MB/s (median) |
                    | --- | --- | ---: |
                    | raw OkHttp PUT | %s | %.0f |
                    | R2Service.upload | %s | %.0f |

                    **Ratio R2Service / raw OkHttp: %.2f by medians (%s 0.8); %.2f by best rounds.**

                    The same rounds in CPU time (the whole process, client and emulator, per upload; other processes'
                    load does not count in it): raw %s s, R2Service %s s (medians); raw / R2Service **%.2f**.

                    Heap used (sampled every 2 ms during the upload, client and emulator together, after a GC before
                    each; the JVM reports eden use a region at a time, so small figures are coarse): the peak above
                    the starting point, what stayed after a GC at the end, and the bytes allocated meanwhile (the sum
                    over the threads, client and emulator, per `ThreadMXBean.getThreadAllocatedBytes`).

                    | upload | heap at start | peak above start | retained after GC | allocated during the upload |
                    | --- | ---: | ---: | ---: | ---: |
                    | 10 MB | %s | %s | %s | %s |
                    | 100 MB | %s | %s | %s | %s |

                    And the 100 MB upload again, in a JVM of its own started with `%s` (emulator and client
                    together in 40 MB of heap, less than half the file): %s

                    **Heap %s with the file (100 MB: peak %s, %s allocated; 10 MB: peak %s, %s allocated).**
                    """, WARM_UPS, ROUNDS, seconds(rawSeconds), rawMbs, seconds(ourSeconds), ourMbs, ratio,
                    ratio >= 0.8 ? "meets" : "BELOW", bestRatio,
                    String.format(Locale.ROOT, "%.2f", median(rawCpu)), String.format(Locale.ROOT, "%.2f", median(ourCpu)),
                    cpuRatio,
                    mb(heap10[0]), mb(heap10[1]), mb(heap10[2]), mb(heap10[3]),
                    mb(heap100[0]), mb(heap100[1]), mb(heap100[2]), mb(heap100[3]),
                    SMALL_HEAP, smallHeap,
                    heap100[1] < heap10[1] + 10 * MB && smallHeap.startsWith("completed") ? "does not grow" : "GROWS",
                    mb(heap100[1]), mb(heap100[3]), mb(heap10[1]), mb(heap10[3]));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Runs {@link SmallHeapUpload} in a child JVM with a heap far smaller than the file; says how it went. */
    private static String smallHeapUpload(Path file) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SMALL_HEAP, "-cp", System.getProperty("java.class.path"), SmallHeapUpload.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            return "did NOT finish in 5 minutes.";
        }
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        return child.exitValue() == 0 ? last : "FAILED (exit " + child.exitValue() + "): " + last;
    }

    /** The child JVM: an emulator and the R2 service in one small heap, one 100 MB upload. */
    static final class SmallHeapUpload {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
                 AccountConnection connection = Monitors.connect(emulator)) {
                R2Service r2 = new R2Service(connection, ResourceWrites.unlockedInMemory());
                double seconds = serviceUpload(r2, file, "small-heap-100mb.bin");
                System.out.printf(Locale.ROOT, "completed: %d bytes stored in %.2f s, max heap %s.%n", Files.size(file),
                        seconds, mb(Runtime.getRuntime().maxMemory()));
            }
        }
    }

    private interface Upload {
        double run() throws Exception;
    }

    /** The process CPU time {@code upload} takes, in seconds. */
    private static double cpuSeconds(Upload upload) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        upload.run();
        return (os.getProcessCpuTime() - before) / 1e9;
    }

    /**
     * {start, peak above start, retained above start after GC, bytes allocated meanwhile by every thread alive at
     * the end} in bytes, sampling the heap while the upload runs.
     */
    private static long[] heapDuring(Upload upload) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        java.util.Map<Long, Long> allocatedBefore = allocatedByThread();
        long start = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(start);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            upload.run();
        } finally {
            running.set(false);
            sampler.join();
        }
        long allocated = 0;
        for (java.util.Map.Entry<Long, Long> t : allocatedByThread().entrySet()) {
            allocated += t.getValue() - allocatedBefore.getOrDefault(t.getKey(), 0L);
        }
        System.gc();
        Thread.sleep(200);
        long retained = memory.getHeapMemoryUsage().getUsed() - start;
        return new long[] {start, peak.get() - start, Math.max(0, retained), allocated};
    }

    private static java.util.Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            out.put(ids[i], bytes[i]);
        }
        return out;
    }

    private static double rawPut(OkHttpClient client, String url, String token, Path file) throws IOException {
        long t0 = System.nanoTime();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .put(RequestBody.create(file.toFile(), MediaType.get("application/octet-stream"))).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("raw PUT answered " + response.code() + ": " + response.body().string());
            }
            response.body().bytes();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double serviceUpload(R2Service r2, Path file, String key) {
        long t0 = System.nanoTime();
        // With a task watching, as the app uploads: progress is worked out for every chunk.
        R2Object stored = TaskRunner.sameThread().submit("upload", t -> r2.upload(R2Upload.of("scratch-space", key, file),
                t)).result().join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            if (stored.size() != Files.size(file)) {
                throw new IllegalStateException("stored " + stored.size() + " bytes of " + Files.size(file));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return seconds;
    }

    /** A file of pseudo-random bytes (nothing along the way can shortcut them). */
    private static Path file(Path path, long size) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long x = 0x9E3779B97F4A7C15L;
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long written = 0; written < size; written += buffer.length) {
                for (int i = 0; i < buffer.length; i += 8) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (x >>> (8 * b));
                    }
                }
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
        return path;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String seconds(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, "%.2f", v));
        }
        return String.join(", ", parts);
    }

    private static String mb(long bytes) {
        return bytes < MB ? String.format(Locale.ROOT, "%d KB", bytes / 1024)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }

    private R2Benchmarks() {
    }
}
