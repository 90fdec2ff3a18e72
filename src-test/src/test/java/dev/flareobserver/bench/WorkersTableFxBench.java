package dev.flareobserver.bench;

import dev.flareobserver.app.page.workers.WorkersTableModel;
import dev.flareobserver.app.page.workers.WorkersTableView;
import dev.flareobserver.orchestration.monitor.Health;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Workers table with 1000 rows, updated snapshot after snapshot as the monitor delivers them:
 * how long the FX thread is busy per update (model update, then the pulse's CSS and layout of the table),
 * on the headless Monocle platform with software rendering.
 */
final class WorkersTableFxBench {

    private static final int WARM_UP = 150;

    static String run(int updates) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        List<List<WorkerRow>> snapshots = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<WorkerRow> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long requests = 1000L + (i * 37L + s * 101L) % 5000;
                long errors = (i + s) % 9;
                rows.add(new WorkerRow(String.format("worker-%04d", i), requests / 900.0, requests, errors,
                        errors / (double) requests, 1.0 + (i + s) % 7, 5.0 + (i * 3 + s) % 40, 30.0 + i % 50,
                        i % 11, Instant.parse("2026-01-08T08:00:00Z").plusSeconds(i), Health.values()[(i + s) % 4],
                        1.0, false));
            }
            snapshots.add(rows);
        }
        WorkersTableModel model = new WorkersTableModel();
        CompletableFuture<Scene> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            WorkersTableView view = new WorkersTableView(model);
            Stage stage = new Stage();
            Scene scene = new Scene((javafx.scene.Parent) view.build(), 1280, 800);
            stage.setScene(scene);
            stage.show();
            shown.complete(scene);
        });
        Scene scene = shown.get(30, TimeUnit.SECONDS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        // One update as the app does it: the snapshot goes into the model (one runLater), then the next
        // pulse's CSS and layout pass restyles and lays out what changed. Measured: the model update plus
        // that pass (from the pulse's pre-layout to its post-layout listener), in wall time and in the FX
        // thread's CPU time (which a machine shared with other work inflates far less than wall time).
        // Not table.applyCss(): that forces every node of the table through CSS, which no pulse does.
        List<double[]> took = new ArrayList<>();
        for (int u = 0; u < updates; u++) {
            List<WorkerRow> next = snapshots.get(u % snapshots.size());
            CompletableFuture<double[]> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                model.apply(next, Instant.parse("2026-01-08T10:00:00Z"));
                double applyWall = (System.nanoTime() - wall) / 1e6;
                double applyCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
                long[] passStart = new long[2];
                Runnable[] pre = new Runnable[1];
                Runnable[] post = new Runnable[1];
                pre[0] = () -> {
                    scene.removePreLayoutPulseListener(pre[0]);
                    passStart[0] = System.nanoTime();
                    passStart[1] = threads.getCurrentThreadCpuTime();
                };
                post[0] = () -> {
                    scene.removePostLayoutPulseListener(post[0]);
                    done.complete(new double[] {applyWall + (System.nanoTime() - passStart[0]) / 1e6,
                            applyCpu + (threads.getCurrentThreadCpuTime() - passStart[1]) / 1e6});
                };
                scene.addPreLayoutPulseListener(pre[0]);
                scene.addPostLayoutPulseListener(post[0]);
                Platform.requestNextPulse();
            });
            took.add(done.get(30, TimeUnit.SECONDS));
        }
        double cold = took.get(0)[0];
        List<double[]> steady = took.subList(WARM_UP, took.size()); // the first ones warm the JIT
        double[] wall = steady.stream().mapToDouble(t -> t[0]).sorted().toArray();
        double[] cpu = steady.stream().mapToDouble(t -> t[1]).sorted().toArray();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Platform.exit();
        double max = wall[wall.length - 1];
        return String.format(Locale.ROOT, """
                ## Workers table: FX-thread time per update, 1000 rows

                Target: no FX-thread stall over 50 ms when a 1000-row snapshot arrives.
                %d updates of the real WorkersTableModel + WorkersTableView, each reordering every row (health
                and req/s change): the model update plus the next pulse's CSS and layout pass, headless Monocle,
                software rendering; the first %d are left out (on a loaded machine the JIT needs about that many
                to compile the paths). Wall time is what the FX thread
                was busy for; CPU time is what it computed (on a shared machine wall time also counts the time
                the thread waited for a core). Load average while measured: %.2f on %d cores.

                | | median | p99 | max | first update (cold) |
                | --- | ---: | ---: | ---: | ---: |
                | wall | %.1f ms | %.1f ms | **%.1f ms** | %.1f ms |
                | FX-thread CPU | %.1f ms | %.1f ms | %.1f ms | |

                Max %s the target.
                """, updates, WARM_UP, load, Runtime.getRuntime().availableProcessors(),
                median(wall), p99(wall), max, cold, median(cpu), p99(cpu), cpu[cpu.length - 1],
                max <= 50 ? "meets" : "MISSES");
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p99(double[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    private WorkersTableFxBench() {}
}
