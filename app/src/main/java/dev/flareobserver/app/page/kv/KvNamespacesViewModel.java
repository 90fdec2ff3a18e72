package dev.flareobserver.app.page.kv;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.page.workers.PanelProblem;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
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

/** The namespaces table: list, create, rename and delete (typed title). FX thread; requests run as tasks. */
public final class KvNamespacesViewModel {

    private final Supplier<Optional<KvService>> service;
    private final TaskRunner tasks;
    private final Executor fx;
    private final ObservableList<KvNamespace> namespaces = FXCollections.observableArrayList();
    private final ObjectProperty<KvNamespace> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");

    public KvNamespacesViewModel(Supplier<Optional<KvService>> service, TaskRunner tasks, Executor fx) {
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
    }

    /** Reloads the list from the account (a task), keeping the selection by id. */
    public void refresh() {
        run("Loading namespaces…", "List KV namespaces", KvService::refreshNamespaces, "Could not list the namespaces",
                list -> null);
    }

    public void create(String title) {
        run("Creating " + title + "…", "Create KV namespace " + title, kv -> {
            KvNamespace created = kv.createNamespace(title);
            kv.refreshNamespaces();
            return created;
        }, "Could not create " + title, created -> "Created " + created.title());
    }

    public void rename(KvNamespace ns, String title) {
        run("Renaming " + ns.title() + "…", "Rename KV namespace " + ns.title(), kv -> {
            kv.renameNamespace(ns, title);
            kv.refreshNamespaces();
            return new KvNamespace(ns.id(), title, ns.supportsUrlEncoding());
        }, "Could not rename " + ns.title(), renamed -> "Renamed " + ns.title() + " to " + title);
    }

    /** Deletes after the typed confirmation, which the service checks again before any request. */
    public void delete(KvNamespace ns, String typedTitle) {
        run("Deleting " + ns.title() + "…", "Delete KV namespace " + ns.title(), kv -> {
            kv.deleteNamespace(ns, typedTitle);
            kv.refreshNamespaces();
            return ns;
        }, "Could not delete " + ns.title(), deleted -> "Deleted " + ns.title());
    }

    private <T> void run(String progress, String title, Function<KvService, T> work, String failure,
                         Function<T, String> done) {
        Optional<KvService> kv = service.get();
        if (kv.isEmpty()) {
            namespaces.clear();
            status.set("Not connected");
            return;
        }
        busy.set(true);
        problem.set(null);
        status.set(progress);
        tasks.submit(title, ctx -> {
            T result = work.apply(kv.get());
            return new Outcome<>(result, kv.get().namespaces());
        }).result().whenComplete((outcome, error) -> fx.execute(() -> {
            busy.set(false);
            if (error != null) {
                status.set("");
                problem.set(KvProblems.of(failure, error));
                return;
            }
            show(outcome.namespaces(), outcome.result() instanceof KvNamespace n && !n.equals(selected.get())
                    && outcome.namespaces().stream().anyMatch(x -> x.id().equals(n.id())) ? n.id() : null);
            String message = done.apply(outcome.result());
            status.set(message != null ? message : namespaces.size() + (namespaces.size() == 1 ? " namespace" : " namespaces"));
        }));
    }

    private record Outcome<T>(T result, List<KvNamespace> namespaces) {
    }

    private void show(List<KvNamespace> list, String selectId) {
        String keep = selectId != null ? selectId : selected.get() == null ? null : selected.get().id();
        namespaces.setAll(list);
        selected.set(list.stream().filter(n -> n.id().equals(keep)).findFirst().orElse(null));
    }

    public ObservableList<KvNamespace> namespaces() {
        return namespaces;
    }

    public ObjectProperty<KvNamespace> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PanelProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
