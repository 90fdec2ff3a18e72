package dev.flareobserver.app.page.r2;

import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.r2.R2Download;
import dev.flareobserver.orchestration.resources.r2.R2FolderPage;
import dev.flareobserver.orchestration.resources.r2.R2Problem;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import dev.flareobserver.orchestration.resources.r2.R2Upload;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
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
 * The R2 page: the account's buckets, one folder level of the chosen bucket at a time (a page of entries,
 * more on request), the selected object's metadata, and the transfers running from here. Every request runs
 * as a task; results come back with one {@code fx} call each. FX thread only (tests: same-thread runner and a
 * direct executor).
 */
public final class R2ViewModel {

    /** One step of the breadcrumb bar: what it shows and the folder it opens ("" = the bucket's top). */
    public record Crumb(String label, String prefix) {
    }

    private final Supplier<Optional<R2Service>> services;
    private final TaskRunner tasks;
    private final Executor fx;

    private final ObservableList<R2Bucket> buckets = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<R2Bucket> bucket = new ReadOnlyObjectWrapper<>(this, "bucket");
    private final ReadOnlyStringWrapper prefix = new ReadOnlyStringWrapper(this, "prefix", "");
    private final ObservableList<Crumb> crumbs = FXCollections.observableArrayList();
    private final ObservableList<R2Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<R2Entry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<R2Object> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ObservableList<R2TransferModel> transfers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<R2Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private String cursor;
    /** Bumped on every navigation, so a listing that comes back late for an old folder is dropped. */
    private long generation;
    private boolean loadedOnce;
    private String accountId;

    public R2ViewModel(Supplier<Optional<R2Service>> services, TaskRunner tasks, Executor fx) {
        this.services = Objects.requireNonNull(services);
        this.tasks = Objects.requireNonNull(tasks);
        this.fx = Objects.requireNonNull(fx);
        selected.addListener((obs, old, now) -> details.set(now == null ? null : now.object()));
    }

    // --- lifecycle -----------------------------------------------------------------------------------

    /** The page became visible: the first time, the buckets load. */
    public void onShow() {
        if (!loadedOnce) {
            loadedOnce = true;
            loadBuckets(null);
        }
    }

    /** The session changed: another account (or a reconnect to one) starts over from its bucket list. */
    public void sessionChanged(String newAccountId) {
        if (Objects.equals(accountId, newAccountId)) {
            return;
        }
        accountId = newAccountId;
        buckets.clear();
        bucket.set(null);
        showFolder("");
        entries.clear();
        if (loadedOnce && newAccountId != null) {
            loadBuckets(null);
        }
    }

    // --- navigation ----------------------------------------------------------------------------------

    public void loadBuckets(String select) {
        run("Listing R2 buckets", R2Service::buckets, list -> {
            buckets.setAll(list);
            R2Bucket current = bucket.get();
            String wanted = select != null ? select : current == null ? null : current.name();
            R2Bucket keep = list.stream().filter(b -> b.name().equals(wanted)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0));
            if (keep == null) {
                bucket.set(null);
                showFolder("");
                entries.clear();
                status.set("This account has no R2 buckets yet.");
            } else if (current != null && keep.name().equals(current.name())) {
                // Same bucket (a refresh): stay in the open folder.
                bucket.set(keep);
                reloadFolder();
            } else {
                selectBucket(keep);
            }
        });
    }

    public void selectBucket(R2Bucket value) {
        if (value == null) {
            return;
        }
        bucket.set(value);
        openFolder("");
    }

    /** A folder row opens that folder; an object row only selects (its metadata shows). */
    public void open(R2Entry entry) {
        if (entry != null && entry.isFolder()) {
            openFolder(entry.key());
        } else {
            selected.set(entry);
        }
    }

    /** One folder level up ("" at the top stays there). */
    public void up() {
        String p = prefix.get();
        if (p.isEmpty()) {
            return;
        }
        String trimmed = p.substring(0, p.length() - 1);
        openFolder(trimmed.contains("/") ? trimmed.substring(0, trimmed.lastIndexOf('/') + 1) : "");
    }

    public void openFolder(String folder) {
        showFolder(folder);
        reloadFolder();
    }

    /** Asks Cloudflare again for buckets and the open folder (caches dropped). */
    public void refresh() {
        services.get().ifPresent(R2Service::refresh);
        loadBuckets(bucket.get() == null ? null : bucket.get().name());
    }

    public void loadMore() {
        R2Bucket b = bucket.get();
        if (b == null || cursor == null) {
            return;
        }
        long asked = generation;
        String from = cursor;
        String folder = prefix.get();
        loading.set(true);
        run("Listing " + b.name() + "/" + folder, r2 -> r2.folder(b.name(), folder, from), page -> {
            if (asked == generation) {
                append(page);
            }
        });
    }

    private void reloadFolder() {
        R2Bucket b = bucket.get();
        if (b == null) {
            return;
        }
        long asked = ++generation;
        String folder = prefix.get();
        entries.clear();
        selected.set(null);
        cursor = null;
        hasMore.set(false);
        loading.set(true);
        run("Listing " + b.name() + "/" + folder, r2 -> r2.folder(b.name(), folder, null), page -> {
            if (asked == generation) {
                append(page);
            }
        });
    }

    private void append(R2FolderPage page) {
        List<R2Entry> rows = new ArrayList<>();
        page.folders().forEach(f -> rows.add(R2Entry.folder(f)));
        page.objects().forEach(o -> rows.add(R2Entry.of(o)));
        entries.addAll(rows);
        cursor = page.nextCursor();
        hasMore.set(page.hasMore());
        loading.set(false);
    }

    private void showFolder(String folder) {
        prefix.set(folder);
        List<Crumb> path = new ArrayList<>();
        if (bucket.get() != null) {
            path.add(new Crumb(bucket.get().name(), ""));
            int start = 0;
            for (int slash = folder.indexOf('/'); slash >= 0; slash = folder.indexOf('/', start)) {
                path.add(new Crumb(folder.substring(start, slash), folder.substring(0, slash + 1)));
                start = slash + 1;
            }
        }
        crumbs.setAll(path);
    }

    // --- writes --------------------------------------------------------------------------------------

    /** What is wrong with a new bucket name, for the dialog to show while typing; empty when it is fine. */
    public Optional<String> bucketNameProblem(String name) {
        try {
            R2Service.validateBucketName(name);
            return Optional.empty();
        } catch (InvalidResourceInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    public void createBucket(String name, R2Location hint, R2StorageClass storageClass) {
        run("Creating bucket " + name, r2 -> r2.createBucket(name, hint, storageClass), created -> {
            status.set("Created bucket " + created.name() + ".");
            loadBuckets(created.name());
        });
    }

    /** Deletes the selected bucket; {@code typedName} is what the user typed to confirm. */
    public void deleteBucket(String typedName) {
        R2Bucket b = bucket.get();
        if (b == null) {
            return;
        }
        run("Deleting bucket " + b.name(), r2 -> {
            r2.deleteBucket(b.name(), typedName);
            return b;
        }, deleted -> {
            status.set("Deleted bucket " + deleted.name() + ".");
            bucket.set(null);
            loadBuckets(null);
        });
    }

    /** Uploads {@code file} into the open folder, under its file name. */
    public R2TransferModel upload(Path file) {
        R2Bucket b = bucket.get();
        if (b == null) {
            return null;
        }
        String key = prefix.get() + file.getFileName();
        R2TransferModel transfer = new R2TransferModel("Upload " + key);
        transfers.add(0, transfer);
        Task<R2Object> task = tasks.submit("Uploading " + key + " to " + b.name(),
                t -> services().upload(R2Upload.of(b.name(), key, file), reporting(t, transfer)));
        transfer.attach(task);
        task.result().whenComplete((stored, error) -> fx.execute(() -> {
            if (error != null) {
                R2Problem p = R2Problem.of("Uploading " + key, error);
                transfer.finish(p.message());
                showProblem(p);
            } else {
                transfer.update(1, "");
                transfer.finish("Uploaded " + stored.key() + ".");
                status.set("Uploaded " + stored.key() + ".");
                if (b.equals(bucket.get())) {
                    reloadFolder();
                }
            }
        }));
        return transfer;
    }

    public R2TransferModel download(R2Entry entry, Path target) {
        R2Bucket b = bucket.get();
        if (b == null || entry == null || entry.isFolder()) {
            return null;
        }
        R2TransferModel transfer = new R2TransferModel("Download " + entry.key());
        transfers.add(0, transfer);
        Task<R2Download> task = tasks.submit("Downloading " + entry.key() + " from " + b.name(),
                t -> services().download(b.name(), entry.key(), target, reporting(t, transfer)));
        transfer.attach(task);
        task.result().whenComplete((done, error) -> fx.execute(() -> {
            if (error != null) {
                R2Problem p = R2Problem.of("Downloading " + entry.key(), error);
                transfer.finish(p.message());
                showProblem(p);
            } else {
                transfer.update(1, "");
                transfer.finish("Saved to " + done.file() + ".");
                status.set("Downloaded " + entry.key() + " to " + done.file() + ".");
            }
        }));
        return transfer;
    }

    public void deleteObject(R2Entry entry, String typedKey) {
        R2Bucket b = bucket.get();
        if (b == null || entry == null || entry.isFolder()) {
            return;
        }
        run("Deleting " + entry.key(), r2 -> {
            r2.deleteObject(b.name(), entry.key(), typedKey);
            return entry;
        }, deleted -> {
            status.set("Deleted " + deleted.key() + ".");
            reloadFolder();
        });
    }

    // --- plumbing ------------------------------------------------------------------------------------

    private R2Service services() {
        return services.get().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare"));
    }

    /** Runs {@code work} as a task; its result (or problem) comes back on the FX thread, once. */
    private <T> void run(String title, Function<R2Service, T> work, Consumer<T> done) {
        problem.set(null);
        Task<T> task = tasks.submit(title, t -> work.apply(services()));
        task.result().whenComplete((value, error) -> fx.execute(() -> {
            if (error != null) {
                loading.set(false);
                showProblem(R2Problem.of(title, error));
            } else {
                done.accept(value);
            }
        }));
    }

    private void showProblem(R2Problem p) {
        problem.set(p);
        status.set(p.message());
    }

    /** The task's own progress, mirrored onto the page's transfer row (the service reports whole percents). */
    private TaskContext reporting(TaskContext task, R2TransferModel transfer) {
        return new TaskContext() {
            private volatile double fraction;

            @Override
            public void progress(double value) {
                fraction = value;
                task.progress(value);
            }

            @Override
            public void message(String text) {
                task.message(text);
                double f = fraction;
                fx.execute(() -> transfer.update(f, text));
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }

            @Override
            public void throwIfCancelled() {
                task.throwIfCancelled();
            }
        };
    }

    // --- properties ----------------------------------------------------------------------------------

    public ObservableList<R2Bucket> buckets() { return buckets; }
    public ReadOnlyObjectProperty<R2Bucket> bucketProperty() { return bucket.getReadOnlyProperty(); }
    public ReadOnlyStringProperty prefixProperty() { return prefix.getReadOnlyProperty(); }
    public ObservableList<Crumb> crumbs() { return crumbs; }
    public ObservableList<R2Entry> entries() { return entries; }
    /** The selected row (the View binds the table's selection to it). */
    public ObjectProperty<R2Entry> selectedProperty() { return selected; }
    /** The selected object's metadata, or null for a folder or nothing. */
    public ReadOnlyObjectProperty<R2Object> detailsProperty() { return details.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty hasMoreProperty() { return hasMore.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    public ObservableList<R2TransferModel> transfers() { return transfers; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<R2Problem> problemProperty() { return problem.getReadOnlyProperty(); }
}
