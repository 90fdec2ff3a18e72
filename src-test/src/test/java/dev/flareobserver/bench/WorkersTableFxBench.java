package dev.flareobserver.bench;

import dev.flareobserver.app.page.workers.WorkersTableModel;
import dev.flareobserver.app.page.workers.WorkersTableView;
import dev.flareobserver.orchestration.monitor.Health;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The Workers table with 1000 rows, updated snapshot after snapshot as the monitor delivers them:
 * how long the FX thread is busy per update (model update, CSS and layout of the table), on the
 * headless Monocle platform with software rendering.
 */
final class WorkersTableFxBench {

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
        CompletableFuture<TableView<?>> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            WorkersTableView view = new WorkersTableView(model);
            Stage stage = new Stage();
            stage.setScene(new Scene((javafx.scene.Parent) view.build(), 1280, 800));
            stage.show();
            shown.complete(view.table());
        });
        TableView<?> table = shown.get(30, TimeUnit.SECONDS);

        List<Double> millis = new ArrayList<>();
        for (int u = 0; u < updates; u++) {
            List<WorkerRow> next = snapshots.get(u % snapshots.size());
            CompletableFuture<Double> took = new CompletableFuture<>();
            Platform.runLater(() -> {
                long start = System.nanoTime();
                model.apply(next, Instant.parse("2026-01-08T10:00:00Z"));
                table.applyCss();
                table.layout();
                took.complete((System.nanoTime() - start) / 1e6);
            });
            millis.add(took.get(30, TimeUnit.SECONDS));
        }
        List<Double> steady = new ArrayList<>(millis.subList(10, millis.size())); // the first ones warm the JIT
        Collections.sort(steady);
        double median = steady.get(steady.size() / 2);
        double p99 = steady.get((int) Math.ceil(steady.size() * 0.99) - 1);
        double max = steady.get(steady.size() - 1);
        Platform.exit();
        return String.format(Locale.ROOT, """
                ## Workers table: FX-thread time per update, 1000 rows

                Target: no FX-thread stall over 50 ms when a 1000-row snapshot arrives.
                %d updates of the real WorkersTableModel + WorkersTableView (model update, CSS, layout), headless
                Monocle, software rendering; the first 10 warm up and are left out.

                | median | p99 | max | first update (cold) |
                | ---: | ---: | ---: | ---: |
                | %.1f ms | %.1f ms | **%.1f ms** | %.1f ms |

                Max %s the target.
                """, updates, median, p99, max, millis.get(0), max <= 50 ? "meets" : "MISSES");
    }

    private WorkersTableFxBench() {}
}
