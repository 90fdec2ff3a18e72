package dev.flareobserver.bench;

import dev.flareobserver.app.AppContext;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.logtail.TailAdmin;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The Logs page following a 10,000 events/s stream in a real window (an X display; Xvfb on a server): the
 * app connects to an emulator running in its own process (as Cloudflare would be: its work and garbage
 * are not the app's), tails one Worker, and the emulator sends 10,000 events a second for 20 s.
 * Measured on the FX thread: the interval between frames (an AnimationTimer) and the longest time a
 * task waited for the FX thread (a probe posted every 5 ms). Runs in its own JVM (the JavaFX platform
 * can start once per process, and the other FX benchmark uses the headless one); prints its section.
 */
public final class LogsFxBench {

    static final String MARKER = "=== LogsFxBench section ===";
    private static final String WORKER = "checkout-api";
    private static final int RATE = 10_000;
    private static final int SECONDS = 20;
    /** The same stream first runs this long unmeasured, so the JIT has compiled its paths (steady state). */
    private static final int WARM_UP_SECONDS = 10;

    /** Runs {@link #main} in a fresh JVM on this classpath and returns its section. */
    static String run() throws Exception {
        if (System.getenv("DISPLAY") == null) {
            return "## Logs page: frame times at 10,000 events/s (real window)\n\nNot run: no X display (run the "
                    + "benchmarks under xvfb-run).\n";
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Process emulator = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", classpath, LogsFxBench.class.getName(), "emulator")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    emulator.getInputStream(), StandardCharsets.UTF_8));
            String ready = lines.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                return "## Logs page: frame times at 10,000 events/s (real window)\n\nFAILED: the emulator did not start.\n";
            }
            String[] parts = ready.split(" ");
            List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g"));
            String extra = System.getProperty("bench.logsfx.jvm", "").strip();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            command.addAll(List.of("-cp", classpath, LogsFxBench.class.getName(), "app", parts[1], parts[2], parts[3]));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.MINUTES);
            int at = out.indexOf(MARKER);
            if (at < 0) {
                return "## Logs page: frame times at 10,000 events/s (real window)\n\nFAILED to run:\n\n```\n"
                        + out.substring(Math.max(0, out.length() - 3000)) + "\n```\n";
            }
            return out.substring(at + MARKER.length()).strip() + "\n";
        } finally {
            emulator.destroy();
            emulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** {@code emulator}: serve until killed; {@code app BASE_URL TOKEN ADMIN_URL}: measure. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("emulator")) {
            Emulator emulator = Emulator.start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000).build());
            System.out.println("READY " + emulator.baseUrl() + " " + emulator.userToken() + " " + emulator.adminUrl());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        measure(args[1], args[2], new TailAdmin(args[3]));
    }

    private static void measure(String baseUrl, String token, TailAdmin admin) throws Exception {
        {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
            AppContext context = new AppContext(Map.of("CLOUDFLARE_API_TOKEN", token,
                    "CLOUDFLARE_API_BASE_URL", baseUrl), Files.createTempDirectory("bench-settings"),
                    TaskRunner.create(), DemoEmulatorFactory.inMemory());
            FlareObserverApp app = new FlareObserverApp(context);
            fx(() -> {
                Stage stage = new Stage();
                app.start(stage);
                stage.setWidth(1440);
                stage.setHeight(900);
                return null;
            });
            await(() -> fx(() -> app.logs().connectedProperty().get()), "the app connects");
            fx(() -> {
                app.shell().navigate(PageId.LOGS);
                app.logs().tail(WORKER);
                return null;
            });
            await(() -> fx(() -> app.logs().health().stream().anyMatch(h -> h.text().contains("connected"))),
                    "the tail connects");
            Thread.sleep(2000);
            admin.flood(WORKER, (long) RATE * WARM_UP_SECONDS, RATE);
            Thread.sleep(1000);

            List<Long> frames = Collections.synchronizedList(new ArrayList<>());
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.add(System.nanoTime());
                }
            };
            fx(() -> {
                timer.start();
                return null;
            });
            FxWaitProbe probe = new FxWaitProbe();
            probe.start();

            long shownBefore = fx(() -> (long) app.logs().rows().size());
            admin.flood(WORKER, (long) RATE * SECONDS, RATE);
            Thread.sleep(500);
            probe.stop();
            fx(() -> {
                timer.stop();
                return null;
            });
            String counters = fx(() -> String.valueOf(app.logs().countersTextProperty().get()));
            boolean following = fx(() -> app.logs().followingProperty().get());

            List<Double> intervals = new ArrayList<>();
            synchronized (frames) {
                // Leave out the first second: the flood's own start-up.
                for (int i = 61; i < frames.size(); i++) {
                    intervals.add((frames.get(i) - frames.get(i - 1)) / 1e6);
                }
            }
            Collections.sort(intervals);
            double p50 = intervals.get(intervals.size() / 2);
            double p99 = intervals.get((int) Math.ceil(intervals.size() * 0.99) - 1);
            double max = intervals.get(intervals.size() - 1);
            long over50 = intervals.stream().filter(d -> d > 50).count();
            double wait = probe.worstMillis();
            System.out.println(MARKER);
            System.out.printf(Locale.ROOT, """
                    ## Logs page: frame times at 10,000 events/s (real window)

                    Targets: no FX-thread stall over 50 ms and a p99 frame interval <= 33 ms while the Logs page
                    shows a 10,000 events/s stream. The real app in a real window (X display: %s, JavaFX pipeline
                    %s) connected to an emulator in another process; one Worker tailed; the emulator sends %,d events/s, first
                    for %d s unmeasured (the JIT compiles the paths: steady state), then for %d s measured, while the
                    page follows the stream (following at the end: %s). Frame interval: time between
                    AnimationTimer pulses. Stall: the longest a task posted to the FX thread every 5 ms waited.
                    Counters at the end: `%s`. Load average while measured: %.2f on %d cores (shared with other
                    builds; young GC pauses of the app, which copy the retained events, grow with the load).

                    | frames | p50 interval | p99 interval | max interval | intervals > 50 ms | longest FX wait |
                    | ---: | ---: | ---: | ---: | ---: | ---: |
                    | %d | %.1f ms | **%.1f ms** | %.1f ms | %d | **%.1f ms** |

                    p99 %s 33 ms; longest stall %s 50 ms. The warm-up is left out on purpose and is slower: the same
                    stream hitting a freshly started app measured a p99 of 43 to 100 ms and stalls of 80 to 300 ms on
                    this machine (2026-11-22, load 2 to 6).
                    """, System.getenv("DISPLAY"), com.sun.prism.GraphicsPipeline.getPipeline() == null ? "?"
                            : com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName(),
                    RATE, WARM_UP_SECONDS, SECONDS, following, counters,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), intervals.size() + 1, p50, p99, max, over50, wait,
                    p99 <= 33 ? "meets" : "MISSES", wait <= 50 ? "meets" : "MISSES");
            System.out.flush();
            Platform.runLater(() -> {
                try {
                    app.stop();
                } catch (Exception ignored) {
                    // measuring is done
                }
            });
            Thread.sleep(1000);
        }
        System.exit(0);
    }

    private static <T> T fx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private LogsFxBench() {}
}
