package dev.flareobserver.app.page.kv;

import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.page.workers.PanelProblem;
import dev.flareobserver.orchestration.resources.kv.KvKeyBrowser;
import dev.flareobserver.orchestration.resources.kv.KvKeyPage;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The key browser of one namespace: a prefix search and an endless list whose next page (1,000 keys) is
 * fetched when a row near the end is shown, plus bulk import and export. FX thread; requests run as tasks.
 */
public final class KvBrowserViewModel {

    private final Supplier<Optional<KvService>> service;
    private final TaskRunner tasks;
    private final Executor fx;
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "");
    private final ReadOnlyObjectWrapper<KvNamespace> namespace = new ReadOnlyObjectWrapper<>(this, "namespace");
    private final ReadOnlyObjectWrapper<KvKeyRows> rows = new ReadOnlyObjectWrapper<>(this, "rows");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Choose a namespace");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper transferring = new ReadOnlyBooleanWrapper(this, "transferring");
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ObjectProperty<KvKeyRow> selected = new SimpleObjectProperty<>(this, "selected");
    private int lastShown;

    public KvBrowserViewModel(Supplier<Optional<KvService>> service, TaskRunner tasks, Executor fx) {
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
    }

    /** Browses another namespace (null: none) from its first key, with the prefix cleared. */
    public void show(KvNamespace ns) {
        namespace.set(ns);
        prefix.set("");
        restart();
    }

    /** Applies the prefix typed in the search field. */
    public void search() {
        restart();
    }

    /** Starts again at the first key under the same prefix, e.g. after a write. */
    public void reload() {
        restart();
    }

    /** A row came on screen: near the end of what is loaded, the next page is fetched. */
    public void rowShown(int index) {
        lastShown = Math.max(lastShown, index);
        KvKeyRows current = rows.get();
        if (current != null && current.browser().wantsMore(index)) {
            loadMore(current);
        }
    }

    private void restart() {
        selected.set(null);
        problem.set(null);
        lastShown = 0;
        KvNamespace ns = namespace.get();
        Optional<KvService> kv = service.get();
        if (ns == null || kv.isEmpty()) {
            rows.set(null);
            summary.set(ns == null ? "Choose a namespace" : "Not connected");
            return;
        }
        KvKeyBrowser browser = kv.get().browse(ns.id(), prefix.get());
        KvKeyRows fresh = new KvKeyRows(browser);
        rows.set(fresh);
        loadMore(fresh);
    }

    private void loadMore(KvKeyRows target) {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        summary.set(target.browser().isStarted() ? summaryOf(target.browser()) + " · loading more…" : "Loading keys…");
        tasks.submit("List KV keys of " + namespace.get().title(), ctx -> target.browser().fetchNext())
                .result().whenComplete((page, error) -> fx.execute(() -> appended(target, page, error)));
    }

    private void appended(KvKeyRows target, KvKeyPage page, Throwable error) {
        loading.set(false);
        if (rows.get() != target) {
            return; // the user searched or switched namespace meanwhile
        }
        if (error != null) {
            problem.set(KvProblems.of("Could not list the keys of " + namespace.get().title(), error));
            summary.set(summaryOf(target.browser()));
            return;
        }
        target.browser().append(page);
        target.refresh();
        summary.set(summaryOf(target.browser()));
        // The user may have scrolled to the end while the page loaded.
        if (target.browser().wantsMore(lastShown)) {
            loadMore(target);
        }
    }

    private String summaryOf(KvKeyBrowser b) {
        String under = b.prefix().isEmpty() ? "" : " under \"" + b.prefix() + "\"";
        if (b.isComplete()) {
            return b.size() == 0 ? "No keys" + under : String.format(Locale.ROOT, "%,d keys%s", b.size(), under);
        }
        return String.format(Locale.ROOT, "%,d keys%s loaded · scroll for more", b.size(), under);
    }

    // ---- bulk ----

    /** Writes a wrangler bulk JSON file into the namespace (a task with progress), then reloads. */
    public void importFrom(Path file) {
        transfer("Import " + file.getFileName() + " into KV ", "Importing " + file.getFileName() + "…",
                (kv, ns, ctx) -> kv.importBulk(ns, file, ctx),
                count -> String.format(Locale.ROOT, "Imported %,d keys from %s", count, file.getFileName()),
                "Could not import " + file.getFileName(), true);
    }

    /** Writes the keys under the current prefix, with values, to a wrangler bulk JSON file (a task). */
    public void exportTo(Path file) {
        String under = prefix.get().isEmpty() ? null : prefix.get();
        transfer("Export to " + file.getFileName() + " from KV ", "Exporting to " + file.getFileName() + "…",
                (kv, ns, ctx) -> kv.exportBulk(ns, under, file, ctx),
                count -> String.format(Locale.ROOT, "Exported %,d keys to %s", count, file),
                "Could not export to " + file.getFileName(), false);
    }

    /** A bulk file transfer of the current namespace. */
    @FunctionalInterface
    private interface Transfer {
        int run(KvService kv, KvNamespace ns, TaskContext ctx) throws IOException;
    }

    private void transfer(String title, String progress, Transfer work, IntFunction<String> done, String failure,
                          boolean reloadAfter) {
        KvNamespace ns = namespace.get();
        Optional<KvService> kv = service.get();
        if (ns == null || kv.isEmpty() || transferring.get()) {
            return;
        }
        transferring.set(true);
        problem.set(null);
        status.set(progress);
        tasks.submit(title + ns.title(), ctx -> {
            try {
                return work.run(kv.get(), ns, ctx);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }).result().whenComplete((count, error) -> fx.execute(() -> {
            transferring.set(false);
            if (error != null) {
                status.set("");
                problem.set(KvProblems.of(failure, error));
                return;
            }
            status.set(done.apply(count));
            if (reloadAfter) {
                reload();
            }
        }));
    }

    /** The file name offered when exporting. */
    public String suggestedExportName() {
        KvNamespace ns = namespace.get();
        return (ns == null ? "kv" : ns.title().replaceAll("[^A-Za-z0-9._-]", "_")) + ".json";
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    public ReadOnlyObjectProperty<KvNamespace> namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<KvKeyRows> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty transferringProperty() {
        return transferring.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PanelProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObjectProperty<KvKeyRow> selectedProperty() {
        return selected;
    }
}
