package dev.flareobserver.bench;

import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.containers.SchedulingPolicy;
import dev.flareobserver.app.page.containers.ContainersPage;
import dev.flareobserver.app.page.containers.ContainersViewModel;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.app.session.Resources;
import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.ContainersSnapshot;
import dev.flareobserver.orchestration.containers.InstanceMetrics;
import dev.flareobserver.orchestration.containers.InstanceRow;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The Containers page's instance grid with 500 instances whose states change on every refresh (a fifth of them
 * each time, as during a rollout): the real page (ContainersPage, its view model and canvas grid) fed one snapshot
 * per refresh on the FX thread, headless Monocle with software rendering, in its own JVM (the JavaFX platform
 * starts once per process). Measured: the FX-thread time of each update (the snapshot handed to the view model,
 * then CSS and layout) and the longest any task posted to the FX thread (every 5 ms) waited, which includes the
 * pulses that render the canvas.
 */
public final class ContainersGridBenchmarks {

    static final String MARKER = "=== ContainersGridBenchmarks section ===";
    private static final String TITLE = "## Containers: instance grid of 500 instances updating";
    static final int INSTANCES = 500;
    static final int UPDATES = 300;
    /** On a loaded 2-core machine the JIT needs about this many updates to compile the paths (as in the table bench). */
    static final int WARM_UP = 150;
    static final long SPACING_MS = 100;

    /** Runs {@link #main} in a fresh JVM on this classpath and returns its section. */
    static String run() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ContainersGridBenchmarks.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        int at = out.indexOf(MARKER);
        if (at < 0) {
            return TITLE + "\n\nFAILED to run:\n\n```\n" + out.substring(Math.max(0, out.length() - 3000)) + "\n```\n";
        }
        return out.substring(at + MARKER.length()).strip() + "\n";
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        List<ContainersSnapshot> snapshots = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            snapshots.add(snapshot(s));
        }
        CompletableFuture<ContainersViewModel> shown = new CompletableFuture<>();
        CompletableFuture<Parent> root = new CompletableFuture<>();
        Platform.runLater(() -> {
            ResourcePageContext context = new ResourcePageContext(
                    new Resources(Optional::empty, ResourceWrites.unlockedInMemory()),
                    new WriteLockModel(WriteAccess.unlocked(), Runnable::run), TaskRunner.sameThread(), Runnable::run,
                    FileDialogs.nativeDialogs(), new SimpleObjectProperty<SessionSnapshot>());
            ContainersPage page = new ContainersPage(context, MonitorOptions.defaults(), Clock.systemUTC(),
                    ZoneOffset.UTC);
            Parent node = (Parent) page.view();
            Stage stage = new Stage();
            // The headless screen is 1280x800; a bigger window would be cut off by the painter.
            stage.setScene(new Scene(node, 1280, 800));
            stage.show();
            ContainersViewModel vm = page.viewModel();
            vm.accept(snapshots.get(0));
            vm.selectedApplicationIdProperty().set("app-0");
            vm.selectedInstanceIdProperty().set(id(7));
            root.complete(node);
            shown.complete(vm);
        });
        ContainersViewModel vm = shown.get(30, TimeUnit.SECONDS);
        Parent node = root.get();

        FxWaitProbe probe = new FxWaitProbe();

        List<Double> millis = new ArrayList<>();
        for (int u = 0; u < UPDATES; u++) {
            if (u == WARM_UP) {
                probe.start(); // the first updates warm the JIT
            }
            ContainersSnapshot next = snapshots.get((u + 1) % snapshots.size());
            CompletableFuture<Double> took = new CompletableFuture<>();
            Platform.runLater(() -> {
                long start = System.nanoTime();
                vm.accept(next);
                node.applyCss();
                node.layout();
                took.complete((System.nanoTime() - start) / 1e6);
            });
            millis.add(took.get(30, TimeUnit.SECONDS));
            Thread.sleep(SPACING_MS);
        }
        probe.stop();
        List<Double> steady = new ArrayList<>(millis.subList(WARM_UP, millis.size()));
        Collections.sort(steady);
        List<Double> w = probe.sortedWaitsMillis();
        double stall = probe.worstMillis();
        System.out.println(MARKER);
        System.out.printf(Locale.ROOT, """
                %s

                Target: no FX-thread stall over 50 ms while the grid of 500 instances updates.
                The real ContainersPage (view model, canvas grid, legend, pool gauges, instance detail) in a
                1280x800 window, headless Monocle, software rendering, its own JVM. %d snapshots of one application
                with %d instances, one every %d ms, a fifth of the instances changing state each time; the first
                %d warm the JIT up and are left out (the wait probe starts after them). Update: the snapshot
                handed to the view model, then CSS and layout of the whole page forced (more than a pulse does), on
                the FX thread. Load average at the end: %.2f on %d cores.
                Wait: how long a task posted to the FX thread every 5 ms waited (this includes the pulses that render
                the canvas).

                | | median | p99 | max |
                | --- | ---: | ---: | ---: |
                | FX time per update | %.1f ms | %.1f ms | %.1f ms |
                | FX-thread wait (stall) | %.1f ms | %.1f ms | **%.1f ms** |

                Longest stall %s the 50 ms target.
                """, TITLE, UPDATES, INSTANCES, SPACING_MS, WARM_UP,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), pct(steady, 0.5), pct(steady, 0.99),
                steady.get(steady.size() - 1), pct(w, 0.5), pct(w, 0.99), stall,
                stall <= 50 ? "meets" : "MISSES");
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    private static double pct(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
    }

    private static String id(int i) {
        return String.format("%064x", i + 1);
    }

    /** One application with 500 instances; snapshot {@code s} moves a fifth of them to the next state. */
    private static ContainersSnapshot snapshot(int s) {
        InstanceState[] cycle = {InstanceState.PROVISIONING, InstanceState.RUNNING, InstanceState.UNHEALTHY,
            InstanceState.STOPPING, InstanceState.STOPPED, InstanceState.FAILED};
        String[] locations = {"ams01", "iad05", "sjc01", "fra02", "nrt01", "gru03"};
        Instant now = Instant.parse("2026-01-08T10:00:00Z").plusSeconds(s * 15L);
        List<InstanceRow> instances = new ArrayList<>(INSTANCES);
        for (int i = 0; i < INSTANCES; i++) {
            int changes = (s + (i % 5 == s % 5 ? 1 : 0)) + i;
            InstanceState state = cycle[changes % cycle.length];
            instances.add(new InstanceRow(id(i), "instance-" + id(i).substring(56), "app-0", "bench-app", state,
                    locations[i % locations.length], "WEUR", now.minusSeconds(600), now, null,
                    "registry.cloudflare.com/acct/bench:1", 0.25, 1024, 4000,
                    new InstanceMetrics(0.01 * (i % 100), 64.0 * 1024 * 1024), null));
        }
        ContainerApplication app = new ContainerApplication("app-0", "acct", "bench-app", 1, now, now,
                SchedulingPolicy.DEFAULT, INSTANCES, INSTANCES, ContainerConfiguration.ofImage(
                "registry.cloudflare.com/acct/bench:1"), null, null, null, null, null);
        ApplicationRow row = new ApplicationRow(app, instances, null, List.of(), null, List.of(), null, null);
        return new ContainersSnapshot(true, now, List.of(row), null, Staleness.fresh(now), null);
    }

    private ContainersGridBenchmarks() {
    }
}
