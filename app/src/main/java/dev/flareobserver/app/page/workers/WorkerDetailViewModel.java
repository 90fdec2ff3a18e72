package dev.flareobserver.app.page.workers;

import dev.flareobserver.app.chart.ChartMarker;
import dev.flareobserver.app.chart.ChartPoint;
import dev.flareobserver.app.chart.ChartSeries;
import dev.flareobserver.app.shell.LatestValueDispatcher;
import dev.flareobserver.orchestration.monitor.DeploymentMarker;
import dev.flareobserver.orchestration.monitor.RollbackPlan;
import dev.flareobserver.orchestration.monitor.SeriesPoint;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.VersionInfo;
import dev.flareobserver.orchestration.monitor.VersionShare;
import dev.flareobserver.orchestration.monitor.WorkerDetailSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One Worker: its charts with a marker per deployment (and the change of error rate and CPU p99 around
 * it), its deployments and versions, rollback with a typed confirmation, and "Tail this Worker".
 * Follows its own {@link WorkerMonitor} while shown; closed when the user goes back to the list.
 */
public final class WorkerDetailViewModel implements AutoCloseable {

    /** The four charts of a snapshot, in their drawing units, with the deployment markers. */
    public record Charts(Instant from, Instant to, List<ChartSeries> requests, List<ChartSeries> cpu,
                         List<ChartSeries> wall, List<ChartSeries> subrequests, List<ChartMarker> markers) {
    }

    /** A deployments-table line, newest first. */
    public record DeploymentRow(String id, Instant at, String when, String author, String versions, String message,
                                String errorChange, String cpuChange) {
    }

    /** A versions-table line, newest first. */
    public record VersionRow(String id, int number, String label, String created, String author, String message,
                             String source, boolean active) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT);

    private final String scriptName;
    private final Optional<WorkerMonitor> monitor;
    private final WorkerActions actions;
    private final TaskRunner tasks;
    private final Executor ui;
    private final Clock clock;
    private final ZoneId zone;
    private final LatestValueDispatcher<WorkerDetailSnapshot> listener;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(this, "window", TimeWindow.H24);
    private final ReadOnlyObjectWrapper<Charts> charts = new ReadOnlyObjectWrapper<>();
    private final ObservableList<DeploymentRow> deployments = FXCollections.observableArrayList();
    private final ObservableList<VersionRow> versions = FXCollections.observableArrayList();
    private final ObjectProperty<VersionRow> selectedVersion = new SimpleObjectProperty<>(this, "selectedVersion");
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper freshness = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper activeVersion = new ReadOnlyStringWrapper(WorkerFormats.UNKNOWN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<RollbackDialogModel> rollbackDialog = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding rollbackEnabled;
    private Runnable onBack = () -> { };
    private Runnable onTail = () -> { };
    private boolean listening;
    private boolean closed;

    public WorkerDetailViewModel(String scriptName, Optional<WorkerMonitor> monitor, WorkerActions actions,
                                 TaskRunner tasks, Executor uiExecutor, Clock clock, ZoneId zone) {
        this.scriptName = Objects.requireNonNull(scriptName);
        this.monitor = Objects.requireNonNull(monitor);
        this.actions = actions;
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(uiExecutor);
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
        this.listener = new LatestValueDispatcher<>(uiExecutor, this::applySnapshot);
        rollbackEnabled = Bindings.createBooleanBinding(() -> actions != null
                        && selectedVersion.get() != null && !selectedVersion.get().active() && !busy.get(),
                selectedVersion, busy);
        window.addListener((obs, old, now) -> monitor.ifPresent(m -> m.setWindow(now)));
        if (monitor.isEmpty()) {
            status.set("Not connected: the Worker's analytics appear once the app is connected.");
            Instant now = clock.instant();
            charts.set(new Charts(now.minus(window.get().duration()), now, List.of(), List.of(), List.of(), List.of(),
                    List.of()));
        } else {
            monitor.get().setWindow(window.get());
        }
    }

    public String scriptName() {
        return scriptName;
    }

    // --- lifecycle --------------------------------------------------------------------------------

    /** Shown: listen and poll. */
    public void start() {
        if (closed || listening || monitor.isEmpty()) {
            return;
        }
        listening = true;
        WorkerMonitor m = monitor.get();
        m.addListener(listener);
        listener.accept(m.snapshot());
        m.start();
    }

    /** Hidden: stop polling. */
    public void stop() {
        if (!listening) {
            return;
        }
        listening = false;
        monitor.ifPresent(m -> {
            m.removeListener(listener);
            m.stop();
        });
    }

    @Override
    public void close() {
        stop();
        closed = true;
        monitor.ifPresent(WorkerMonitor::close);
    }

    // --- commands ---------------------------------------------------------------------------------

    public void setOnBack(Runnable r) {
        onBack = r == null ? () -> { } : r;
    }

    public void setOnTail(Runnable r) {
        onTail = r == null ? () -> { } : r;
    }

    public void back() {
        onBack.run();
    }

    /** "Tail this Worker": the Logs page, tailing it. */
    public void tail() {
        onTail.run();
    }

    public void refresh() {
        monitor.ifPresent(WorkerMonitor::refreshNow);
    }

    /** "Roll back…" on the selected version: plans the rollback (a task), then asks for confirmation. */
    public void requestRollback() {
        VersionRow target = selectedVersion.get();
        if (!rollbackEnabled.get() || target == null) {
            return;
        }
        busy.set(true);
        status.set("Preparing the rollback to " + target.label() + "…");
        tasks.submit("Plan rollback of " + scriptName, ctx -> {
            ctx.message("Reading the active deployment of " + scriptName);
            return actions.planRollback(scriptName, target.id());
        }).result().whenComplete((plan, error) -> ui.execute(() -> {
            busy.set(false);
            if (error != null) {
                status.set("The rollback could not be prepared: " + message(error));
            } else {
                status.set("");
                rollbackDialog.set(new RollbackDialogModel(plan));
            }
        }));
    }

    public void cancelRollback() {
        RollbackDialogModel d = rollbackDialog.get();
        if (d != null && !d.runningProperty().get()) {
            rollbackDialog.set(null);
        }
    }

    /** OK in the dialog: deploys the target version (a task); the dialog closes when it is done. */
    public void confirmRollback() {
        RollbackDialogModel d = rollbackDialog.get();
        if (d == null || !d.confirmEnabledProperty().get()) {
            return;
        }
        RollbackPlan plan = d.plan();
        String typed = d.typedProperty().get();
        String note = d.messageProperty().get();
        d.setRunning(true);
        d.setError("");
        busy.set(true);
        tasks.submit("Roll back " + scriptName + " to v" + plan.target().number(), ctx -> {
            ctx.message("Creating a deployment of v" + plan.target().number());
            return actions.rollback(plan, typed, note == null || note.isBlank() ? null : note.strip());
        }).result().whenComplete((marker, error) -> ui.execute(() -> {
            busy.set(false);
            d.setRunning(false);
            if (error != null) {
                d.setError("The rollback failed: " + message(error));
            } else {
                rollbackDialog.set(null);
                status.set("Rolled back to v" + plan.target().number()
                        + (marker == null || marker.deploymentId() == null ? "" : " · deployment " + marker.deploymentId()));
                refresh();
            }
        }));
    }

    private static String message(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // --- snapshots --------------------------------------------------------------------------------

    /** Shows one snapshot of the Worker. UI thread. */
    public void applySnapshot(WorkerDetailSnapshot s) {
        if (s == null) {
            return;
        }
        Instant to = s.fetchedAt() != null ? s.fetchedAt() : clock.instant();
        TimeWindow w = s.window() != null ? s.window() : window.get();
        Instant from = to.minus(w.duration());
        charts.set(charts(s, from, to));

        List<DeploymentMarker> deps = new ArrayList<>(s.deployments());
        deps.sort(Comparator.comparing(DeploymentMarker::at).reversed());
        Map<String, Integer> numbers = new HashMap<>();
        s.versions().forEach(v -> numbers.put(v.id(), v.number()));
        List<DeploymentRow> depRows = deps.stream().map(d -> new DeploymentRow(d.deploymentId(), d.at(),
                WorkerFormats.ago(d.at(), to) + " · " + WHEN.format(d.at().atZone(zone)),
                orDash(d.author()), shares(d.versions()), orDash(d.message()),
                change(d.errorRatioBefore(), d.errorRatioAfter(), WorkerFormats::percent),
                change(d.cpuP99BeforeMs(), d.cpuP99AfterMs(), WorkerFormats::millis))).toList();
        if (!depRows.equals(deployments)) {
            deployments.setAll(depRows);
        }

        List<VersionInfo> vs = new ArrayList<>(s.versions());
        vs.sort(Comparator.comparingInt(VersionInfo::number).reversed());
        List<VersionRow> versionRows = vs.stream().map(v -> new VersionRow(v.id(), v.number(), "v" + v.number(),
                v.createdOn() == null ? WorkerFormats.UNKNOWN
                        : WorkerFormats.ago(v.createdOn(), to) + " · " + WHEN.format(v.createdOn().atZone(zone)),
                orDash(v.author()), orDash(v.message()), orDash(v.source()),
                v.id().equals(s.activeVersionId()))).toList();
        if (!versionRows.equals(versions)) {
            // Keep the user's choice across refreshes, by version id.
            String selectedId = selectedVersion.get() == null ? null : selectedVersion.get().id();
            versions.setAll(versionRows);
            selectedVersion.set(versionRows.stream().filter(v -> v.id().equals(selectedId)).findFirst().orElse(null));
        }
        activeVersion.set(vs.stream().filter(v -> v.id().equals(s.activeVersionId())).findFirst()
                .map(v -> "v" + v.number() + (v.message() == null || v.message().isBlank() ? "" : " · " + v.message()))
                .orElse(WorkerFormats.UNKNOWN));

        boolean stale = s.staleness() != null && s.staleness().stale();
        freshness.set(s.fetchedAt() == null ? "" : stale
                ? WorkerFormats.stale(s.staleness().lastSuccess() == null ? null : s.staleness().age(clock))
                : "updated " + WorkerFormats.ago(s.fetchedAt(), clock.instant()));
        problem.set(PanelProblem.of(s.problem(), s.staleness(), clock));
    }

    Charts charts(WorkerDetailSnapshot s, Instant from, Instant to) {
        TimeWindow w = s.window() != null ? s.window() : window.get();
        // A bucket cut by either end of the window (the running one) would read as a sudden drop.
        List<SeriesPoint> points = s.series().stream()
                .filter(p -> !p.time().isBefore(from) && !p.time().plus(w.step()).isAfter(to))
                .toList();
        // Buckets are one grain of the window long; the charts say per minute whatever the window.
        double perMinute = 60_000.0 / w.step().toMillis();

        // Requests by status: success first, then the others by volume; each a req/min line.
        Map<String, Long> totals = new LinkedHashMap<>();
        for (SeriesPoint p : points) {
            p.requestsByStatus().forEach((k, v) -> totals.merge(k, v, Long::sum));
        }
        List<String> statuses = totals.keySet().stream()
                .sorted(Comparator.comparing((String k) -> !"success".equals(k))
                        .thenComparing(k -> -totals.get(k)))
                .toList();
        List<ChartSeries> requests = new ArrayList<>();
        for (String status : statuses) {
            requests.add(new ChartSeries(statusLabel(status), "req/min", points.stream()
                    .map(p -> new ChartPoint(p.time(), p.requestsByStatus().getOrDefault(status, 0L) * perMinute))
                    .toList()));
        }
        List<ChartSeries> cpu = List.of(
                line("CPU p50", "ms", points, SeriesPoint::cpuP50Ms),
                line("CPU p99", "ms", points, SeriesPoint::cpuP99Ms));
        List<ChartSeries> wall = List.of(
                line("Wall p50", "ms", points, SeriesPoint::wallP50Ms),
                line("Wall p99", "ms", points, SeriesPoint::wallP99Ms));
        List<ChartSeries> sub = List.of(new ChartSeries("Subrequests", "/min", points.stream()
                .map(p -> new ChartPoint(p.time(), p.subrequests() * perMinute)).toList()));
        List<ChartMarker> markers = s.deployments().stream()
                .sorted(Comparator.comparing(DeploymentMarker::at))
                .map(d -> new ChartMarker(d.at(), flag(d.versions()), markerDetails(d, to)))
                .toList();
        return new Charts(from, to, requests, cpu, wall, sub, markers);
    }

    private static ChartSeries line(String name, String unit, List<SeriesPoint> points, Function<SeriesPoint, Double> value) {
        return new ChartSeries(name, unit, points.stream().map(p -> new ChartPoint(p.time(), value.apply(p))).toList());
    }

    /** Cloudflare's status values as words: "scriptThrewException" -> "Script threw exception". */
    static String statusLabel(String status) {
        if (status == null || status.isBlank()) {
            return "Unknown";
        }
        String spaced = status.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The marker's flag: "v7", or "v7 60% · v6 40%" for a gradual deployment. */
    static String flag(List<VersionShare> shares) {
        if (shares == null || shares.isEmpty()) {
            return "deploy";
        }
        if (shares.size() == 1) {
            return "v" + shares.get(0).versionNumber();
        }
        return shares.stream().map(v -> "v" + v.versionNumber() + " " + Math.round(v.percentage()) + "%")
                .collect(Collectors.joining(" · "));
    }

    static String shares(List<VersionShare> shares) {
        if (shares == null || shares.isEmpty()) {
            return WorkerFormats.UNKNOWN;
        }
        return shares.stream().map(v -> "v" + v.versionNumber() + " (" + Math.round(v.percentage()) + " %)")
                .collect(Collectors.joining(", "));
    }

    String markerDetails(DeploymentMarker d, Instant now) {
        StringBuilder b = new StringBuilder("Deployment of ").append(shares(d.versions()))
                .append("\n").append(WHEN.format(d.at().atZone(zone))).append(" (").append(WorkerFormats.ago(d.at(), now))
                .append(")");
        if (d.author() != null && !d.author().isBlank()) {
            b.append(" by ").append(d.author());
        }
        if (d.message() != null && !d.message().isBlank()) {
            b.append("\n“").append(d.message()).append("”");
        }
        b.append("\nError rate: ").append(change(d.errorRatioBefore(), d.errorRatioAfter(), WorkerFormats::percent));
        b.append("\nCPU p99: ").append(change(d.cpuP99BeforeMs(), d.cpuP99AfterMs(), WorkerFormats::millis));
        return b.toString();
    }

    /** "0.4 % → 25 %"; "—" on the unknown side. */
    static String change(Double before, Double after, Function<Double, String> format) {
        return format.apply(before) + " → " + format.apply(after);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? WorkerFormats.UNKNOWN : s;
    }

    // --- state --------------------------------------------------------------------------------------

    public ObjectProperty<TimeWindow> windowProperty() { return window; }
    public ReadOnlyObjectProperty<Charts> chartsProperty() { return charts.getReadOnlyProperty(); }
    public ObservableList<DeploymentRow> deployments() { return deployments; }
    public ObservableList<VersionRow> versions() { return versions; }
    /** The version the user picked in the versions table (the view writes it). */
    public ObjectProperty<VersionRow> selectedVersionProperty() { return selectedVersion; }
    public BooleanBinding rollbackEnabledProperty() { return rollbackEnabled; }
    public ReadOnlyObjectProperty<RollbackDialogModel> rollbackDialogProperty() { return rollbackDialog.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PanelProblem> problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty freshnessProperty() { return freshness.getReadOnlyProperty(); }
    /** "v7 · Switch to new pricing engine". */
    public ReadOnlyStringProperty activeVersionProperty() { return activeVersion.getReadOnlyProperty(); }
    /** What the last command did or why it failed. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
}
