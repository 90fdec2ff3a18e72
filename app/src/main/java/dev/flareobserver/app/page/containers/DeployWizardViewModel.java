package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.deploy.BinaryReport;
import dev.flareobserver.orchestration.deploy.ContainerDeployer;
import dev.flareobserver.orchestration.deploy.DeployListener;
import dev.flareobserver.orchestration.deploy.DeployRequest;
import dev.flareobserver.orchestration.deploy.DeployResult;
import dev.flareobserver.orchestration.deploy.DeployStep;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy wizard: pick a native binary, see the local verdict before anything is sent, name the application
 * (an existing one is modified), its port, environment and instance count; then the deploy runs as a task with one
 * row per {@link DeployStep}, the instances converging, cancel, and a rollback after a failure.
 *
 * <p>Threads: UI thread; the inspection, the deploy and the rollback run as tasks and report back with
 * {@code ui.execute}.
 */
public final class DeployWizardViewModel {

    /** How one step stands. */
    public enum StepState { WAITING, RUNNING, DONE, SKIPPED, FAILED }

    /** One row of the steps table. */
    public static final class StepRow {
        private final DeployStep step;
        private final ObjectProperty<StepState> state = new SimpleObjectProperty<>(StepState.WAITING);
        private final DoubleProperty progress = new SimpleDoubleProperty(0);
        private final StringProperty detail = new SimpleStringProperty("");

        StepRow(DeployStep step) {
            this.step = step;
        }

        public DeployStep step() {
            return step;
        }

        public ObjectProperty<StepState> stateProperty() {
            return state;
        }

        public DoubleProperty progressProperty() {
            return progress;
        }

        public StringProperty detailProperty() {
            return detail;
        }

        void reset() {
            state.set(StepState.WAITING);
            progress.set(0);
            detail.set("");
        }
    }

    /** The image repository the application name becomes ({@code <registry>/<account>/<name>}): OCI's rule. */
    private static final Pattern APP_NAME = Pattern.compile("^[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    static final int MAX_INSTANCES = 100;

    private final Supplier<Optional<ContainerDeployer>> deployer;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ReadOnlyBooleanProperty writable;
    private final Supplier<List<String>> existingApplications;

    private final ReadOnlyObjectWrapper<Path> binary = new ReadOnlyObjectWrapper<>(this, "binary");
    private final ReadOnlyObjectWrapper<BinaryReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final StringProperty application = new SimpleStringProperty(this, "application", "");
    private final StringProperty port = new SimpleStringProperty(this, "port",
            String.valueOf(DeployRequest.DEFAULT_PORT));
    private final StringProperty environment = new SimpleStringProperty(this, "environment", "");
    private final StringProperty instances = new SimpleStringProperty(this, "instances", "1");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper converging = new ReadOnlyStringWrapper(this, "converging", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper canRollback = new ReadOnlyBooleanWrapper(this, "canRollback");
    private final ReadOnlyObjectWrapper<DeployResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private Task<DeployResult> task;

    public DeployWizardViewModel(Supplier<Optional<ContainerDeployer>> deployer, TaskRunner tasks, Executor ui,
                                 ReadOnlyBooleanProperty writable, Supplier<List<String>> existingApplications) {
        this.deployer = Objects.requireNonNull(deployer);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.writable = Objects.requireNonNull(writable);
        this.existingApplications = Objects.requireNonNull(existingApplications);
        for (DeployStep s : DeployStep.values()) {
            steps.add(new StepRow(s));
        }
    }

    /** Checks the chosen file locally (no request) and shows the verdict. */
    public void chooseBinary(Path file) {
        binary.set(file);
        report.set(null);
        verdict.set("Checking " + file.getFileName() + "…");
        Optional<ContainerDeployer> d = deployer.get();
        if (d.isEmpty()) {
            verdict.set("Not connected: connect to an account to deploy.");
            return;
        }
        tasks.submit("Check " + file.getFileName(), c -> {
            try {
                return d.get().inspect(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).result().whenComplete((r, error) -> ui.execute(() -> {
            if (!file.equals(binary.get())) {
                return;
            }
            if (error != null) {
                verdict.set("Could not read " + file.getFileName() + ": " + messageOf(error));
                return;
            }
            report.set(r);
            verdict.set(verdictText(r));
            if (application.get().isBlank()) {
                application.set(suggestedName(file));
            }
        }));
    }

    static String verdictText(BinaryReport r) {
        return switch (r.verdict()) {
            case STATIC -> "Ready: a static linux/amd64 executable (" + ContainersFormats.bytes(r.size()) + ").";
            case DYNAMIC -> "Warning: dynamically linked; the image has no libraries, so it needs "
                    + String.join(", ", r.neededLibraries()) + " and will likely fail to start. Deploy anyway only "
                    + "if you know it copes.";
            case REFUSED -> "Refused: " + r.reason();
        };
    }

    /** The file name as an application name, when it is one. */
    static String suggestedName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return APP_NAME.matcher(name).matches() ? name : "";
    }

    /** Checks the form and starts the deploy; a bad field gets a message and nothing is sent. */
    public void deploy() {
        DeployRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException bad) {
            say(bad.getMessage(), true);
            return;
        }
        ContainerDeployer d = deployer.get().orElse(null);
        if (d == null) {
            say("Not connected: connect to an account to deploy.", true);
            return;
        }
        start("Deploy " + request.application(), listener -> ctx -> d.deploy(request, listener, ctx));
    }

    /** After a failure: back to the version the application ran before. */
    public void rollback() {
        String app = application.get().strip();
        ContainerDeployer d = deployer.get().orElse(null);
        if (d == null || app.isEmpty()) {
            return;
        }
        start("Roll back " + app, listener -> ctx -> d.rollback(app, listener, ctx));
    }

    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    private void start(String title,
                       Function<DeployListener, Function<dev.flareobserver.orchestration.task.TaskContext,
                               DeployResult>> work) {
        if (running.get()) {
            return;
        }
        if (!writable.get()) {
            say("Not deployed: writes are locked for this session. Unlock writes in the status bar first.", true);
            return;
        }
        steps.forEach(StepRow::reset);
        warnings.clear();
        converging.set("");
        result.set(null);
        canRollback.set(false);
        running.set(true);
        say(title + "…", false);
        Task<DeployResult> t = tasks.submit(title, work.apply(new UiListener()));
        task = t;
        t.result().whenComplete((r, error) -> ui.execute(() -> finished(t, r, error)));
    }

    private void finished(Task<DeployResult> t, DeployResult r, Throwable error) {
        if (t != task) {
            return;
        }
        running.set(false);
        Throwable cause = unwrap(error);
        if (cause == null) {
            result.set(r);
            say("Done: " + r.applicationName() + " runs " + r.image() + " (version " + r.version() + ") after "
                    + ContainersFormats.age(r.elapsed()) + ".", false);
            return;
        }
        boolean applicationTouched = steps.stream().anyMatch(s -> s.step().ordinal() >= DeployStep.APPLICATION.ordinal()
                && s.stateProperty().get() != StepState.WAITING);
        canRollback.set(applicationTouched);
        if (cause instanceof CancellationException) {
            say("Cancelled." + (applicationTouched ? " The application may be half-way: roll back to restore it." : ""),
                    true);
        } else {
            say("The deploy failed: " + messageOf(cause)
                    + (applicationTouched ? " Roll back to restore the previous version." : ""), true);
        }
    }

    DeployRequest request() {
        BinaryReport r = report.get();
        if (binary.get() == null) {
            throw new IllegalArgumentException("Choose a binary to deploy.");
        }
        if (r == null) {
            throw new IllegalArgumentException("The binary is still being checked.");
        }
        if (!r.deployable()) {
            throw new IllegalArgumentException("This file cannot be deployed: " + r.reason());
        }
        String name = application.get().strip();
        if (!APP_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The application name becomes the image name: lowercase letters, "
                    + "digits and . _ - between them (e.g. hello-api).");
        }
        int p = number(port.get(), "Port", 1, 65_535);
        int n = number(instances.get(), "Instances", 1, MAX_INSTANCES);
        // No tag: the workflow tags the image with the binary's SHA-256, so the same binary is the same image.
        return new DeployRequest(binary.get(), name, p, environment(environment.get()), null,
                Optional.empty(), n, DeployRequest.DEFAULT_CONVERGE_TIMEOUT);
    }

    /** {@code K=V} per line; blank lines skipped; a bad line is named. */
    static Map<String, String> environment(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !ENV_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException("Environment line " + (i + 1) + " is not NAME=value (a name is "
                        + "letters, digits and _, not starting with a digit): " + line);
            }
            out.put(key, line.substring(eq + 1));
        }
        return out;
    }

    private static int number(String text, String field, int min, int max) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message
        }
        throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max + ".");
    }

    private StepRow row(DeployStep step) {
        return steps.get(step.ordinal());
    }

    /** Hands every event to the UI thread; the events are coarse (a few per step), so one hop each is fine. */
    private final class UiListener implements DeployListener {
        @Override
        public void started(DeployStep step, String detail) {
            ui.execute(() -> {
                row(step).stateProperty().set(StepState.RUNNING);
                row(step).detailProperty().set(detail == null ? "" : detail);
            });
        }

        @Override
        public void progress(DeployStep step, double fraction, String detail) {
            ui.execute(() -> {
                row(step).progressProperty().set(fraction);
                if (detail != null) {
                    row(step).detailProperty().set(detail);
                }
            });
        }

        @Override
        public void finished(DeployStep step, String detail) {
            ui.execute(() -> {
                row(step).stateProperty().set(StepState.DONE);
                row(step).progressProperty().set(1);
                row(step).detailProperty().set(detail == null ? "" : detail);
            });
        }

        @Override
        public void skipped(DeployStep step, String reason) {
            ui.execute(() -> {
                row(step).stateProperty().set(StepState.SKIPPED);
                row(step).detailProperty().set(reason == null ? "" : reason);
            });
        }

        @Override
        public void failed(DeployStep step, String reason) {
            ui.execute(() -> {
                row(step).stateProperty().set(StepState.FAILED);
                row(step).detailProperty().set(reason == null ? "" : reason);
            });
        }

        @Override
        public void warning(String text) {
            ui.execute(() -> warnings.add(text));
        }

        @Override
        public void instances(List<ContainerInstanceV2> list) {
            String text = summary(list);
            ui.execute(() -> converging.set(text));
        }
    }

    /** "2 of 3 running (1 provisioning)". */
    static String summary(List<ContainerInstanceV2> list) {
        Map<InstanceState, Integer> byState = new LinkedHashMap<>();
        list.forEach(i -> byState.merge(i.state(), 1, Integer::sum));
        int run = byState.getOrDefault(InstanceState.RUNNING, 0);
        List<String> others = new ArrayList<>();
        byState.forEach((s, n) -> {
            if (s != InstanceState.RUNNING) {
                others.add(n + " " + ContainersFormats.state(s));
            }
        });
        return "Instances: " + run + " of " + list.size() + " running"
                + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String messageOf(Throwable t) {
        return ContainersViewModel.message(t);
    }

    // --- properties --------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Path> binaryProperty() {
        return binary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BinaryReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public StringProperty applicationProperty() {
        return application;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty environmentProperty() {
        return environment;
    }

    public StringProperty instancesProperty() {
        return instances;
    }

    public ObservableList<StepRow> steps() {
        return steps;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ReadOnlyStringProperty convergingProperty() {
        return converging.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRollbackProperty() {
        return canRollback.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeployResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable;
    }

    /** Names of the account's applications, offered in the name field (choosing one modifies it). */
    public List<String> existingApplications() {
        return existingApplications.get();
    }
}
