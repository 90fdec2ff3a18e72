package dev.flareobserver.app.page.d1;

import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.api.d1.D1LocationHint;
import dev.flareobserver.api.d1.D1QueryMeta;
import dev.flareobserver.api.d1.D1RawResult;
import dev.flareobserver.api.d1.D1Rows;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.d1.D1ExportResult;
import dev.flareobserver.orchestration.resources.d1.D1QueryRun;
import dev.flareobserver.orchestration.resources.d1.D1Service;
import dev.flareobserver.orchestration.resources.d1.D1SqlException;
import dev.flareobserver.orchestration.resources.d1.D1Statements;
import dev.flareobserver.orchestration.resources.d1.D1Table;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The D1 page: the account's databases (create, delete), the tables and columns of the chosen one, the SQL
 * console (parameters, history, run), the result grid's model (columns and row arrays, as they came) with the
 * query's meta, CSV export of the shown result and export of the database to a .sql file.
 *
 * <p>Threads: everything here runs on the UI thread; every request runs as a task and its result comes back
 * with one hand-over to the UI executor. Writes are refused by the service in read-only mode; the buttons
 * for them are disabled through {@link #writableProperty()} and a writing SQL statement gets a clear refusal.
 */
public final class D1ViewModel {

    /** One past run of the console. */
    public record HistoryEntry(String sql, String params) {

        /** One line for the history list. */
        @Override
        public String toString() {
            String oneLine = sql.strip().replaceAll("\\s+", " ");
            String shown = oneLine.length() > 90 ? oneLine.substring(0, 90) + "…" : oneLine;
            return params.isBlank() ? shown : shown + "   [" + params + "]";
        }
    }

    static final int HISTORY_SIZE = 50;

    private final Supplier<Optional<D1Service>> service;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ReadOnlyBooleanProperty writable;

    private final ObservableList<D1Database> databases = FXCollections.observableArrayList();
    private final ObservableList<D1Database> databasesView = FXCollections.unmodifiableObservableList(databases);
    private final ObjectProperty<D1Database> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<D1Table> tables = FXCollections.observableArrayList();
    private final ObservableList<D1Table> tablesView = FXCollections.unmodifiableObservableList(tables);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    private final StringProperty sql = new SimpleStringProperty(this, "sql", "");
    private final StringProperty params = new SimpleStringProperty(this, "params", "");
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");

    private final ReadOnlyObjectWrapper<D1Rows> grid = new ReadOnlyObjectWrapper<>(this, "grid", D1Rows.EMPTY);
    private final ObservableList<String> statements = FXCollections.observableArrayList();
    private final ObservableList<String> statementsView = FXCollections.unmodifiableObservableList(statements);
    private final ObjectProperty<Integer> shownStatement = new SimpleObjectProperty<>(this, "shownStatement");
    private final ReadOnlyStringWrapper meta = new ReadOnlyStringWrapper(this, "meta", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private D1QueryRun lastRun;

    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(this, "exportProgress",
            Task.INDETERMINATE);
    private final ReadOnlyStringWrapper exportText = new ReadOnlyStringWrapper(this, "exportText", "");
    private Task<D1ExportResult> exportTask;

    private String accountId;
    private boolean loaded;

    /**
     * @param service  the D1 service of the current connection (empty when not connected)
     * @param tasks    runs every request
     * @param ui       hands results to the UI thread
     * @param writable whether writes are unlocked for this session
     */
    public D1ViewModel(Supplier<Optional<D1Service>> service, TaskRunner tasks, Executor ui,
                       ReadOnlyBooleanProperty writable) {
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.writable = Objects.requireNonNull(writable);
        selected.addListener((obs, old, now) -> {
            if (now != null && (old == null || !now.uuid().equals(old.uuid()))) {
                loadTables(now);
            } else if (now == null) {
                tables.clear();
            }
        });
        shownStatement.addListener((obs, old, now) -> showStatement(now));
    }

    // --- page lifecycle ----------------------------------------------------------------------------------

    /** The page is shown: the databases load the first time. */
    public void onShow() {
        if (!loaded) {
            refresh();
        }
    }

    /** The session's account changed (null: not connected): what was shown belongs to the old one. */
    public void sessionChanged(String currentAccountId) {
        if (Objects.equals(accountId, currentAccountId)) {
            return;
        }
        accountId = currentAccountId;
        databases.clear();
        selected.set(null);
        clearResult();
        loaded = false;
        if (currentAccountId != null) {
            refresh();
        }
    }

    // --- databases -----------------------------------------------------------------------------------------

    /** Loads the databases again from Cloudflare. */
    public void refresh() {
        Optional<D1Service> d1 = service.get();
        if (d1.isEmpty()) {
            say("Not connected: D1 databases appear once the connection is up.", false);
            return;
        }
        loaded = true;
        loading.set(true);
        submit("Load D1 databases", c -> {
            d1.get().refresh();
            return d1.get().databases();
        }, (list, error) -> {
            loading.set(false);
            if (error != null) {
                say("The databases could not be loaded: " + message(error), true);
                return;
            }
            String keep = selected.get() == null ? null : selected.get().uuid();
            databases.setAll(list);
            selected.set(list.stream().filter(db -> db.uuid().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0)));
            if (list.isEmpty()) {
                say("This account has no D1 databases yet.", false);
            }
        });
    }

    /** Creates a database ({@code hintText}: a location hint such as "weur", or blank). */
    public void create(String name, String hintText) {
        D1Service d1 = connected();
        if (d1 == null) {
            return;
        }
        D1LocationHint hint = null;
        if (hintText != null && !hintText.isBlank()) {
            hint = D1LocationHint.parse(hintText).orElse(null);
            if (hint == null) {
                say("\"" + hintText + "\" is not a location hint: use wnam, enam, weur, eeur, apac or oc.", true);
                return;
            }
        }
        D1LocationHint chosen = hint;
        submit("Create D1 database " + name, c -> d1.create(name, chosen), (db, error) -> {
            if (error != null) {
                say("The database was not created: " + message(error), true);
                return;
            }
            say("Created " + db.name() + ".", false);
            databases.add(db);
            databases.sort(java.util.Comparator.comparing(D1Database::name));
            selected.set(db);
        });
    }

    /** Deletes a database once the user typed its name (checked again by the service). */
    public void delete(D1Database database, String typedName) {
        D1Service d1 = connected();
        if (d1 == null) {
            return;
        }
        submit("Delete D1 database " + database.name(), c -> {
            d1.delete(database, typedName);
            return database;
        }, (db, error) -> {
            if (error != null) {
                say("The database was not deleted: " + message(error), true);
                return;
            }
            say("Deleted " + db.name() + ".", false);
            databases.removeIf(d -> d.uuid().equals(db.uuid()));
            if (selected.get() != null && selected.get().uuid().equals(db.uuid())) {
                selected.set(databases.isEmpty() ? null : databases.get(0));
            }
        });
    }

    private void loadTables(D1Database database) {
        D1Service d1 = connected();
        tables.clear();
        if (d1 == null) {
            return;
        }
        submit("Load tables of " + database.name(), c -> d1.tables(database), (list, error) -> {
            if (selected.get() == null || !selected.get().uuid().equals(database.uuid())) {
                return;
            }
            if (error != null) {
                say("The tables of " + database.name() + " could not be read: " + message(error), true);
                return;
            }
            tables.setAll(list);
        });
    }

    /** Puts a query for the first rows of a table into the console. */
    public void browse(D1Table table) {
        sql.set("SELECT * FROM \"" + table.name().replace("\"", "\"\"") + "\" LIMIT 100;");
        params.set("");
    }

    // --- console -------------------------------------------------------------------------------------------

    /**
     * Runs {@code text} (the console's selection, or all of it) on the selected database with the parameter
     * field's values. Checked before anything is sent; a writing statement in read-only mode is refused.
     */
    public void run(String text) {
        D1Database database = selected.get();
        if (database == null) {
            say("Choose a database first.", true);
            return;
        }
        D1Service d1 = connected();
        if (d1 == null || running.get()) {
            return;
        }
        List<String> values;
        try {
            values = D1ParameterText.parse(params.get());
            D1Service.check(text, values);
        } catch (IllegalArgumentException e) {
            say(e.getMessage(), true);
            return;
        }
        if (!writable.get()) {
            Optional<D1Statements.Statement> writing = D1Statements.split(text).stream().filter(s -> !s.readOnly())
                    .findFirst();
            if (writing.isPresent()) {
                say("Not run: this SQL can change the database (" + writing.get().keyword() + ") and writes are locked"
                        + " for this session. Unlock writes in the status bar to run it.", true);
                return;
            }
        }
        remember(new HistoryEntry(text.strip(), D1ParameterText.format(values)));
        running.set(true);
        say("Running on " + database.name() + "…", false);
        submit("Run SQL on " + database.name(), c -> d1.query(database, text, values), (run, error) -> {
            running.set(false);
            if (error != null) {
                say(failureOf(error), true);
                return;
            }
            showRun(run);
            if (run.wrote()) {
                loadTables(database);
            }
        });
    }

    /** Shows a finished run: the grid takes the result's rows as they are (no copy). UI thread. */
    public void showRun(D1QueryRun run) {
        lastRun = run;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < run.results().size(); i++) {
            D1RawResult r = run.results().get(i);
            labels.add("Statement " + (i + 1) + ": " + (r.results().columns().isEmpty()
                    ? changesOf(r.meta()) : String.format(Locale.ROOT, "%,d rows", r.results().size())));
        }
        statements.setAll(labels);
        D1RawResult shown = run.shown();
        int index = shown == null ? -1 : run.results().indexOf(shown);
        if (Objects.equals(shownStatement.get(), index)) {
            showStatement(index);
        } else {
            shownStatement.set(index < 0 ? null : index);
        }
        say(run.wrote() ? "Done: " + run.changes() + " rows changed." : "", false);
    }

    private void showStatement(Integer index) {
        if (lastRun == null || index == null || index < 0 || index >= lastRun.results().size()) {
            grid.set(D1Rows.EMPTY);
            meta.set("");
            return;
        }
        D1RawResult r = lastRun.results().get(index);
        grid.set(r.results());
        meta.set(metaText(r, lastRun));
    }

    static String metaText(D1RawResult r, D1QueryRun run) {
        D1QueryMeta m = r.meta();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%,d rows", r.results().size()));
        if (m != null) {
            text.append(String.format(Locale.ROOT, " · %,d rows read · %,d rows written", orZero(m.rowsRead()),
                    orZero(m.rowsWritten())));
            if (m.duration() != null) {
                text.append(String.format(Locale.ROOT, " · SQL %.2f ms", m.duration()));
            }
        }
        if (run.results().size() > 1) {
            text.append(String.format(Locale.ROOT, " · %d statements: %,d read, %,d written", run.results().size(),
                    run.rowsRead(), run.rowsWritten()));
        }
        text.append(String.format(Locale.ROOT, " · round trip %,d ms", run.elapsed().toMillis()));
        return text.toString();
    }

    private static String changesOf(D1QueryMeta m) {
        return m == null || m.changes() == null ? "no rows" : String.format(Locale.ROOT, "%,d changed", m.changes());
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    /** Puts a history entry back into the console. */
    public void recall(HistoryEntry entry) {
        if (entry != null) {
            sql.set(entry.sql());
            params.set(entry.params());
        }
    }

    private void remember(HistoryEntry entry) {
        history.remove(entry);
        history.add(0, entry);
        if (history.size() > HISTORY_SIZE) {
            history.remove(HISTORY_SIZE, history.size());
        }
    }

    private void clearResult() {
        lastRun = null;
        statements.clear();
        shownStatement.set(null);
        grid.set(D1Rows.EMPTY);
        meta.set("");
    }

    // --- copy and CSV --------------------------------------------------------------------------------------

    /** Tab-separated text of the given rows and columns of the shown result (for the clipboard). */
    public String copyText(List<Integer> rows, List<Integer> columns, boolean withHeader) {
        D1Rows shown = grid.get();
        StringBuilder out = new StringBuilder();
        if (withHeader) {
            out.append(String.join("\t", columns.stream().map(c -> shown.columns().get(c)).toList())).append('\n');
        }
        for (int row : rows) {
            Object[] values = shown.rows().get(row);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                int c = columns.get(i);
                out.append(D1Values.plain(c < values.length ? values[c] : null).replace('\t', ' ').replace('\n', ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes the shown result to {@code target} as CSV (a header, then every row), as a task. */
    public void saveCsv(Path target) {
        D1Rows shown = grid.get();
        if (shown.columns().isEmpty()) {
            say("There is no result to save.", true);
            return;
        }
        submit("Save D1 result as CSV", c -> {
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                D1Values.csvRecord(out, shown.columns());
                int n = 0;
                for (Object[] row : shown.rows()) {
                    D1Values.csvRecord(out, Arrays.asList(row));
                    if (++n % 10_000 == 0) {
                        c.throwIfCancelled();
                        c.progress((double) n / shown.rows().size());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return shown.rows().size();
        }, (rows, error) -> {
            if (error != null) {
                say("The CSV was not saved: " + message(error), true);
            } else {
                say(String.format(Locale.ROOT, "Saved %,d rows to %s.", rows, target), false);
            }
        });
    }

    // --- export ------------------------------------------------------------------------------------------

    /** Exports the selected database to a .sql file, with progress; {@link #cancelExport()} stops it. */
    public void export(Path target) {
        D1Database database = selected.get();
        D1Service d1 = connected();
        if (database == null || d1 == null || exporting.get()) {
            return;
        }
        exporting.set(true);
        exportProgress.set(Task.INDETERMINATE);
        exportText.set("Starting the export of " + database.name() + "…");
        Task<D1ExportResult> task = tasks.submit("Export D1 " + database.name(),
                c -> d1.export(database, target, new Reporting(c)));
        exportTask = task;
        task.result().whenComplete((result, error) -> ui.execute(() -> {
            exporting.set(false);
            exportTask = null;
            Throwable cause = unwrap(error);
            if (cause instanceof CancellationException) {
                exportText.set("Export cancelled; nothing was written to " + target.getFileName() + ".");
            } else if (cause != null) {
                exportText.set("The export failed: " + message(cause));
            } else {
                exportProgress.set(1);
                exportText.set(String.format(Locale.ROOT, "Exported %s to %s (%,d bytes).", database.name(),
                        result.file(), result.bytes()));
            }
        }));
    }

    public void cancelExport() {
        Task<D1ExportResult> task = exportTask;
        if (task != null) {
            task.cancel();
        }
    }

    /** Passes the export's progress to the page (one hand-over per update; they come a few times a second). */
    private final class Reporting implements TaskContext {
        private final TaskContext task;

        Reporting(TaskContext task) {
            this.task = task;
        }

        @Override
        public void progress(double fraction) {
            task.progress(fraction);
            ui.execute(() -> exportProgress.set(fraction));
        }

        @Override
        public void message(String text) {
            task.message(text);
            ui.execute(() -> exportText.set(text));
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public void throwIfCancelled() {
            task.throwIfCancelled();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private D1Service connected() {
        Optional<D1Service> d1 = service.get();
        if (d1.isEmpty()) {
            say("Not connected to Cloudflare.", true);
            return null;
        }
        return d1.get();
    }

    private <T> void submit(String title, Function<TaskContext, T> work, BiConsumer<T, Throwable> done) {
        tasks.submit(title, work).result().whenComplete((value, error) -> ui.execute(() ->
                done.accept(value, unwrap(error))));
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    /** A refusal in a sentence a person can act on; D1's own words for SQL errors. */
    static String failureOf(Throwable error) {
        if (error instanceof D1SqlException sql) {
            return "D1 could not run the SQL: " + sql.getMessage();
        }
        if (error instanceof ReadOnlyException) {
            return "Not run: this SQL can change the database and writes are locked for this session. Unlock writes"
                    + " in the status bar to run it.";
        }
        return "The query failed: " + message(error);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static String message(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof InvalidResourceInputException || cause instanceof ConfirmationMismatchException
                || cause instanceof ReadOnlyException) {
            return cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    // --- properties ------------------------------------------------------------------------------------------

    public ObservableList<D1Database> databases() {
        return databasesView;
    }

    public ObjectProperty<D1Database> selectedProperty() {
        return selected;
    }

    public ObservableList<D1Table> tables() {
        return tablesView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public StringProperty sqlProperty() {
        return sql;
    }

    public StringProperty paramsProperty() {
        return params;
    }

    public ObservableList<HistoryEntry> history() {
        return historyView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The shown result: columns and the rows as they came from the service. */
    public ReadOnlyObjectProperty<D1Rows> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** "Statement 1: 3 changed", ... for a run of several statements. */
    public ObservableList<String> statements() {
        return statementsView;
    }

    /** Which statement's result the grid shows (an index into {@link #statements()}). */
    public ObjectProperty<Integer> shownStatementProperty() {
        return shownStatement;
    }

    public ReadOnlyStringProperty metaProperty() {
        return meta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportTextProperty() {
        return exportText.getReadOnlyProperty();
    }
}
