package dev.flareobserver.app.page.provisioning;

import dev.flareobserver.orchestration.provision.ApplyRecord;
import dev.flareobserver.orchestration.provision.ApplyResult;
import dev.flareobserver.orchestration.provision.ConfigFormat;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.ProvisionService;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Provisioning page's state and commands: a config, its plan, apply with a per-step log, the history of
 * applies (resume / roll back) and export. Every request runs as a task; results come back with one
 * {@code fx.execute} per result (log lines in batches). FX thread only; no controls.
 */
public final class ProvisioningViewModel {

    private final Supplier<Optional<ProvisionService>> service;
    private final ReadOnlyBooleanProperty unlocked;
    private final TaskRunner tasks;
    private final Executor fx;
    private final RecentConfigs recentConfigs;

    private final ObjectProperty<Path> config = new SimpleObjectProperty<>(this, "config");
    private final StringProperty env = new SimpleStringProperty(this, "env", "");
    private final ObjectProperty<ProvisionPlan> plan = new SimpleObjectProperty<>(this, "plan");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Open a wrangler.toml or wrangler.jsonc.");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<ApplyRecord> history = FXCollections.observableArrayList();
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigFormat> exportFormat = new SimpleObjectProperty<>(this, "exportFormat", ConfigFormat.TOML);
    private final StringProperty exportWorker = new SimpleStringProperty(this, "exportWorker", "");
    private final StringProperty exportText = new SimpleStringProperty(this, "exportText", "");
    private final BooleanBinding canApply;
    private final BooleanBinding canChangeHistory;

    private final ConcurrentLinkedQueue<String> pendingLines = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    public ProvisioningViewModel(Supplier<Optional<ProvisionService>> service, ReadOnlyBooleanProperty unlocked,
                                 TaskRunner tasks, Executor fx, RecentConfigs recentConfigs) {
        this.service = service;
        this.unlocked = unlocked;
        this.tasks = tasks;
        this.fx = fx;
        this.recentConfigs = recentConfigs;
        recent.setAll(recentConfigs.load());
        canApply = Bindings.createBooleanBinding(() -> unlocked.get() && !running.get() && plan.get() != null
                && plan.get().hasWork(), unlocked, running, plan);
        canChangeHistory = Bindings.createBooleanBinding(() -> unlocked.get() && !running.get(), unlocked, running);
    }

    public ObjectProperty<Path> configProperty() { return config; }
    public StringProperty envProperty() { return env; }
    public ObjectProperty<ProvisionPlan> planProperty() { return plan; }
    public StringProperty statusProperty() { return status; }
    public StringProperty problemProperty() { return problem; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public ObservableList<String> log() { return log; }
    public ObservableList<ApplyRecord> history() { return history; }
    public ObservableList<Path> recent() { return recent; }
    public ObjectProperty<ConfigFormat> exportFormatProperty() { return exportFormat; }
    public StringProperty exportWorkerProperty() { return exportWorker; }
    public StringProperty exportTextProperty() { return exportText; }
    /** Apply needs unlocked writes, a plan with work, and nothing running. */
    public BooleanBinding canApplyProperty() { return canApply; }
    /** Resume and roll back need unlocked writes and nothing running. */
    public BooleanBinding canChangeHistoryProperty() { return canChangeHistory; }
    public ReadOnlyBooleanProperty unlockedProperty() { return unlocked; }

    /** Opens a config and plans it. */
    public void open(Path file) {
        config.set(file);
        recent.setAll(recentConfigs.remember(file));
        plan();
    }

    public void plan() {
        plan(false);
    }

    /** @param keepProblem true after an apply: its failure message must stay in view while the plan refreshes */
    private void plan(boolean keepProblem) {
        Path file = config.get();
        if (file == null) {
            return;
        }
        String e = env.get() == null || env.get().isBlank() ? null : env.get().trim();
        run("Plan " + file.getFileName(), s -> s.plan(file, e), p -> {
            plan.set(p);
            if (!keepProblem) {
                problem.set("");
            }
            status.set(p.hasChanges() ? "Plan: " + p.headline() : "No changes: the account and the config agree.");
        }, () -> plan.set(null));
    }

    public void apply() {
        ProvisionPlan p = plan.get();
        if (p == null || !canApply.get()) {
            return;
        }
        log.clear();
        runApply("Apply " + p.config().file().getFileName(), (s, c) -> s.apply(p, c, this::logLine));
    }

    public void resume(ApplyRecord record) {
        log.clear();
        runApply("Resume apply " + record.applyId(), (s, c) -> s.resume(record, c, this::logLine));
    }

    public void rollback(ApplyRecord record) {
        log.clear();
        runApply("Roll back apply " + record.applyId(), (s, c) -> s.rollback(record, c, this::logLine));
    }

    public void refreshHistory() {
        run("Apply history", ProvisionService::history, history::setAll, () -> { });
    }

    public void export() {
        ConfigFormat format = exportFormat.get();
        String worker = exportWorker.get();
        run("Export " + (worker == null || worker.isBlank() ? "account" : worker), s -> s.export(worker, format),
                text -> {
                    exportText.set(text);
                    status.set("Exported " + (worker == null || worker.isBlank() ? "the account" : "the Worker " + worker.trim()) + ".");
                }, () -> { });
    }

    private interface ApplyWork {
        ApplyResult run(ProvisionService service, TaskContext task);
    }

    private void runApply(String title, ApplyWork work) {
        Optional<ProvisionService> s = service.get();
        if (s.isEmpty()) {
            problem.set("Not connected.");
            return;
        }
        running.set(true);
        progress.set(0);
        tasks.submit(title, c -> work.run(s.get(), new TaskContext() {
            @Override public void progress(double fraction) {
                c.progress(fraction);
                fx.execute(() -> progress.set(fraction));
            }
            @Override public void message(String text) { c.message(text); }
            @Override public boolean isCancelled() { return c.isCancelled(); }
            @Override public void throwIfCancelled() { c.throwIfCancelled(); }
        })).result().whenComplete((result, failure) -> fx.execute(() -> {
            running.set(false);
            if (failure == null) {
                problem.set("");
                status.set(result.applyId() == null ? "Nothing to do." : title + ": done.");
                progress.set(1);
            } else {
                problem.set(messageOf(failure));
                status.set(title + ": failed.");
            }
            plan(true);
            refreshHistory();
        }));
    }

    private <T> void run(String title, Function<ProvisionService, T> work, java.util.function.Consumer<T> done,
                         Runnable onFailure) {
        Optional<ProvisionService> s = service.get();
        if (s.isEmpty()) {
            problem.set("Not connected.");
            return;
        }
        tasks.submit(title, c -> work.apply(s.get())).result().whenComplete((value, failure) -> fx.execute(() -> {
            if (failure == null) {
                done.accept(value);
            } else {
                problem.set(messageOf(failure));
                onFailure.run();
            }
        }));
    }

    /** Lines arrive on the task thread; they reach the list in batches. */
    private void logLine(String line) {
        pendingLines.add(line);
        if (drainScheduled.compareAndSet(false, true)) {
            fx.execute(() -> {
                drainScheduled.set(false);
                List<String> batch = new java.util.ArrayList<>();
                for (String l; (l = pendingLines.poll()) != null; ) {
                    batch.add(l);
                }
                log.addAll(batch);
            });
        }
    }

    static String messageOf(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
