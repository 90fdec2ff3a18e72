package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.ContainersMonitor;
import dev.flareobserver.orchestration.containers.ContainersService;
import dev.flareobserver.orchestration.containers.ContainersSnapshot;
import dev.flareobserver.orchestration.containers.InstanceOutput;
import dev.flareobserver.orchestration.containers.InstanceRow;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * The Containers page: the account's applications, the instance grid of the chosen one (or of all), the pool
 * gauges, the chosen instance's detail with its live output, and the instance actions.
 *
 * <p>Threads: everything here runs on the UI thread. The monitor polls only while the page is shown (see
 * {@link #onShow()} / {@link #onHide()}) and hands each snapshot over with one {@code ui.execute}; actions run as
 * tasks; the live output arrives in batches.
 */
public final class ContainersViewModel {

    /** What the page can say about its data as a whole. */
    public enum Status { NOT_CONNECTED, LOADING, EMPTY, FRESH, STALE, FAILED }

    /** Opens the live output of an instance of a Worker-owned application (see {@code Resources#instanceOutput}). */
    @FunctionalInterface
    public interface OutputOpener {
        Optional<InstanceOutput> open(String worker, String instanceId, Consumer<List<InstanceOutput.Line>> lines);
    }

    /** Lines of live output kept in the detail; older ones scroll away. */
    static final int OUTPUT_LINES = 1_000;

    private final Supplier<Optional<ContainersService>> service;
    private final Function<ContainersService, ContainersMonitor> monitors;
    private final OutputOpener outputs;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ReadOnlyBooleanProperty writable;
    private final Clock clock;

    private final ReadOnlyObjectWrapper<ContainersSnapshot> snapshot =
            new ReadOnlyObjectWrapper<>(this, "snapshot", ContainersSnapshot.empty());
    private final ObservableList<ApplicationRow> applications = FXCollections.observableArrayList();
    private final ObservableList<ApplicationRow> applicationsView =
            FXCollections.unmodifiableObservableList(applications);
    private final ObjectProperty<String> selectedApplicationId = new SimpleObjectProperty<>(this, "application");
    private final ReadOnlyObjectWrapper<ApplicationRow> selectedApplication =
            new ReadOnlyObjectWrapper<>(this, "selectedApplication");
    private final ReadOnlyObjectWrapper<List<InstanceRow>> grid = new ReadOnlyObjectWrapper<>(this, "grid", List.of());
    private final ObjectProperty<String> selectedInstanceId = new SimpleObjectProperty<>(this, "instance");
    private final ReadOnlyObjectWrapper<InstanceRow> selectedInstance =
            new ReadOnlyObjectWrapper<>(this, "selectedInstance");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status",
            Status.LOADING);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyStringWrapper execResult = new ReadOnlyStringWrapper(this, "execResult", "");
    private final ReadOnlyStringWrapper fetchResult = new ReadOnlyStringWrapper(this, "fetchResult", "");
    private final ObservableList<String> output = FXCollections.observableArrayList();
    private final ObservableList<String> outputView = FXCollections.unmodifiableObservableList(output);
    private final ReadOnlyStringWrapper outputStatus = new ReadOnlyStringWrapper(this, "outputStatus", "");

    private ContainersService current;
    private ContainersMonitor monitor;
    private InstanceOutput openOutput;
    private String outputFor;
    private boolean shown;

    public ContainersViewModel(Supplier<Optional<ContainersService>> service,
                               Function<ContainersService, ContainersMonitor> monitors, OutputOpener outputs,
                               TaskRunner tasks, Executor ui, ReadOnlyBooleanProperty writable, Clock clock) {
        this.service = Objects.requireNonNull(service);
        this.monitors = Objects.requireNonNull(monitors);
        this.outputs = Objects.requireNonNull(outputs);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.writable = Objects.requireNonNull(writable);
        this.clock = Objects.requireNonNull(clock);
        selectedApplicationId.addListener((obs, old, now) -> select());
        selectedInstanceId.addListener((obs, old, now) -> select());
    }

    // --- lifecycle ---------------------------------------------------------------------------------------

    /** The page is shown: polling starts (on the current connection's service). */
    public void onShow() {
        shown = true;
        Optional<ContainersService> now = service.get();
        if (now.isEmpty()) {
            closeMonitor();
            snapshot.set(ContainersSnapshot.empty());
            applySnapshot();
            return;
        }
        if (now.get() != current || monitor == null) {
            closeMonitor();
            current = now.get();
            monitor = monitors.apply(current);
            monitor.addListener(s -> ui.execute(() -> accept(s)));
            snapshot.set(ContainersSnapshot.empty());
            applySnapshot();
        }
        monitor.start();
    }

    /** The page was left: polling stops and the live output's tail is deleted. */
    public void onHide() {
        shown = false;
        if (monitor != null) {
            monitor.stop();
        }
        closeOutput();
    }

    /** The connection or account changed: start over on the new one (if the page is shown). */
    public void sessionChanged() {
        closeMonitor();
        closeOutput();
        selectedInstanceId.set(null);
        selectedApplicationId.set(null);
        snapshot.set(ContainersSnapshot.empty());
        applySnapshot();
        if (shown) {
            onShow();
        }
    }

    public void dispose() {
        onHide();
        closeMonitor();
    }

    private void closeMonitor() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        current = null;
    }

    /** Asks for a refresh now (skipped if one is running). */
    public void refresh() {
        if (monitor != null) {
            monitor.refreshNow();
        }
    }

    /** A snapshot from the monitor. UI thread. */
    public void accept(ContainersSnapshot next) {
        snapshot.set(Objects.requireNonNull(next));
        applySnapshot();
    }

    /** Re-words the status with the data's current age (the view calls it every second while shown). */
    public void tick() {
        updateStatus();
    }

    private void applySnapshot() {
        ContainersSnapshot s = snapshot.get();
        applications.setAll(s.applications());
        if (selectedApplicationId.get() != null && s.loaded()
                && s.application(selectedApplicationId.get()).isEmpty()) {
            selectedApplicationId.set(null);
        }
        select();
        updateStatus();
    }

    private void select() {
        ContainersSnapshot s = snapshot.get();
        ApplicationRow app = selectedApplicationId.get() == null ? null
                : s.application(selectedApplicationId.get()).orElse(null);
        selectedApplication.set(app);
        List<InstanceRow> shownInstances = new ArrayList<>();
        if (app != null) {
            shownInstances.addAll(app.instances());
        } else {
            s.applications().forEach(a -> shownInstances.addAll(a.instances()));
        }
        grid.set(List.copyOf(shownInstances));
        String id = selectedInstanceId.get();
        InstanceRow instance = id == null ? null
                : shownInstances.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        selectedInstance.set(instance);
        if (instance == null || !instance.id().equals(outputFor)) {
            closeOutput();
            if (instance != null && shown) {
                openOutput(instance);
            }
        }
    }

    private void updateStatus() {
        ContainersSnapshot s = snapshot.get();
        if (current == null && service.get().isEmpty()) {
            status.set(Status.NOT_CONNECTED);
            statusText.set("Not connected: connect to an account to see its containers.");
            return;
        }
        Staleness staleness = s.staleness();
        if (!s.loaded()) {
            if (s.problem() != null) {
                status.set(Status.FAILED);
                statusText.set("Could not load containers. " + sentence(s.problem().message())
                        + " Retrying with a pause.");
            } else {
                status.set(Status.LOADING);
                statusText.set("Loading applications and instances…");
            }
            return;
        }
        if (staleness.stale()) {
            status.set(Status.STALE);
            Duration age = staleness.age(clock);
            statusText.set("Stale: last updated " + ContainersFormats.age(age) + " ago. "
                    + (s.problem() == null ? "" : sentence(s.problem().message())));
            return;
        }
        if (s.applications().isEmpty()) {
            status.set(Status.EMPTY);
            statusText.set("This account has no container applications. Deploy a binary to create one.");
            return;
        }
        status.set(Status.FRESH);
        String metrics = s.metricsProblem() == null ? "" : " " + s.metricsProblem() + ".";
        statusText.set(s.applications().size() + (s.applications().size() == 1 ? " application, " : " applications, ")
                + s.instanceCount() + (s.instanceCount() == 1 ? " instance" : " instances") + "; updated "
                + ContainersFormats.age(staleness.age(clock)) + " ago." + metrics);
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    // --- live output -------------------------------------------------------------------------------------

    private void openOutput(InstanceRow instance) {
        output.clear();
        outputFor = instance.id();
        ApplicationRow app = snapshot.get().application(instance.applicationId()).orElse(null);
        String worker = app == null ? null : app.ownerWorker();
        if (worker == null) {
            outputStatus.set("No live output: the application is not owned by a Worker (no Durable Object namespace"
                    + " names one), so its output reaches no tail.");
            return;
        }
        outputStatus.set("Tailing Worker " + worker + " for this instance's output…");
        try {
            openOutput = outputs.open(worker, instance.id(), lines -> ui.execute(() -> appendOutput(instance.id(),
                    lines))).orElse(null);
        } catch (RuntimeException e) {
            outputStatus.set("Live output is not available: " + message(e));
        }
    }

    private void appendOutput(String instanceId, List<InstanceOutput.Line> lines) {
        if (!instanceId.equals(outputFor)) {
            return;
        }
        List<String> text = new ArrayList<>(lines.size());
        for (InstanceOutput.Line l : lines) {
            text.add((l.stderr() ? "err │ " : "out │ ") + l.text());
        }
        output.addAll(text);
        if (output.size() > OUTPUT_LINES) {
            output.remove(0, output.size() - OUTPUT_LINES);
        }
        if (openOutput != null) {
            outputStatus.set("Live from Worker " + openOutput.worker() + "'s tail.");
        }
    }

    /** Closes the detail's live output (deleting its tail). */
    public void closeOutput() {
        outputFor = null;
        InstanceOutput closing = openOutput;
        openOutput = null;
        output.clear();
        outputStatus.set("");
        if (closing != null) {
            // Deleting the tail is a request: not on the UI thread.
            tasks.submit("Stop live output", c -> {
                closing.close();
                return null;
            });
        }
    }

    // --- actions -----------------------------------------------------------------------------------------

    /** Stops the instance (the application or its pool starts a replacement). */
    public void stop(InstanceRow instance) {
        ContainersService s = current;
        if (s == null) {
            return;
        }
        submit("Stop instance " + instance.confirmationName(), c -> {
            s.stop(instance);
            return null;
        }, (r, error) -> done(error, "Stopping " + instance.confirmationName() + ".", "The instance was not stopped: "));
    }

    /** Deletes the instance; {@code typed} must equal its name (or id). */
    public void delete(InstanceRow instance, String typed) {
        ContainersService s = current;
        ApplicationRow app = s == null ? null : snapshot.get().application(instance.applicationId()).orElse(null);
        if (app == null) {
            return;
        }
        submit("Delete instance " + instance.confirmationName(), c -> {
            s.delete(app, instance, typed);
            return null;
        }, (r, error) -> done(error, "Deleted " + instance.confirmationName() + ".", "The instance was not deleted: "));
    }

    /** Runs {@code command} in the instance; its output appears in {@link #execResultProperty()}. */
    public void exec(InstanceRow instance, String command) {
        ContainersService s = current;
        if (s == null) {
            return;
        }
        execResult.set("Running…");
        submit("Exec in " + instance.confirmationName(), c -> s.exec(instance, command), (r, error) -> {
            if (error != null) {
                execResult.set("");
                say("Not run: " + message(error), true);
                return;
            }
            execResult.set(ContainersFormats.exec(r));
            say("", false);
        });
    }

    /** Sends GET {@code path} to the instance; the answer appears in {@link #fetchResultProperty()}. */
    public void fetch(InstanceRow instance, String path) {
        ContainersService s = current;
        if (s == null) {
            return;
        }
        fetchResult.set("Fetching…");
        submit("Fetch " + path + " from " + instance.confirmationName(), c -> s.fetch(instance, path),
                (FetchRequest.Result r, Throwable error) -> {
                    if (error != null) {
                        fetchResult.set("");
                        say("Not fetched: " + message(error), true);
                        return;
                    }
                    fetchResult.set(ContainersFormats.fetch(r));
                    say("", false);
                });
    }

    private void done(Throwable error, String success, String failurePrefix) {
        if (error != null) {
            say(failurePrefix + message(error), true);
            return;
        }
        say(success, false);
        refresh();
    }

    private <T> void submit(String title, Function<TaskContext, T> work, BiConsumer<T, Throwable> done) {
        tasks.submit(title, work).result().whenComplete((value, error) -> ui.execute(() ->
                done.accept(value, unwrap(error))));
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static String message(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof ReadOnlyException) {
            return "writes are locked for this session. Unlock writes in the status bar first.";
        }
        if (cause instanceof InvalidResourceInputException || cause instanceof ConfirmationMismatchException) {
            return cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // --- properties --------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ContainersSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ObservableList<ApplicationRow> applications() {
        return applicationsView;
    }

    /** The application whose instances the grid shows; null for all. */
    public ObjectProperty<String> selectedApplicationIdProperty() {
        return selectedApplicationId;
    }

    public ReadOnlyObjectProperty<ApplicationRow> selectedApplicationProperty() {
        return selectedApplication.getReadOnlyProperty();
    }

    /** The instances on the grid: one list per refresh, replaced whole (the grid updates its tiles in place). */
    public ReadOnlyObjectProperty<List<InstanceRow>> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ObjectProperty<String> selectedInstanceIdProperty() {
        return selectedInstanceId;
    }

    public ReadOnlyObjectProperty<InstanceRow> selectedInstanceProperty() {
        return selectedInstance.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty execResultProperty() {
        return execResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fetchResultProperty() {
        return fetchResult.getReadOnlyProperty();
    }

    public ObservableList<String> output() {
        return outputView;
    }

    public ReadOnlyStringProperty outputStatusProperty() {
        return outputStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable;
    }

    public Clock clock() {
        return clock;
    }
}
