package dev.flareobserver.app.page.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.app.shell.LatestValueDispatcher;
import dev.flareobserver.orchestration.logtail.ClientFilter;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LeftoverTail;
import dev.flareobserver.orchestration.logtail.LogCounters;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogExport;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.LogView;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.ViewUpdate;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Logs page: which Workers are tailed, the server filters (sent to Cloudflare: tails are re-created)
 * and the client filters (applied here, at once), the rows, follow / pause, the selected event, the
 * counters, each Worker's tail health, export, and tails an earlier run left behind.
 *
 * <p>Threads: everything here runs on the UI thread. The view's frame pulse calls {@link #pulse(long)}
 * once per frame: it takes at most {@link #MAX_PER_FRAME} entries from the {@link LogView} and applies
 * them to the rows as one change, and refreshes the counters twice a second. Health changes arrive in
 * batches through one hand-over per batch; whatever may block (deleting tails, re-creating them with
 * new filters, export, leftovers) runs as a task, the session commands one after the other.
 * The session keeps running while the page is hidden; only the pulse stops.
 */
public final class LogsViewModel implements AutoCloseable {

    /** Entries applied per frame at most: a burst is spread over frames instead of stalling one. */
    public static final int MAX_PER_FRAME = 2_000;
    static final long COUNTERS_EVERY_NANOS = 500_000_000L;
    static final long TEXT_FILTER_DELAY_NANOS = 120_000_000L;
    private static final long UNSET = Long.MIN_VALUE;

    /** The client-side status choices, as wrangler's --status: ok, error (every failure) and canceled. */
    public static final List<String> STATUSES = List.of("ok", "error", "canceled");
    private static final Set<String> MORE_FAILURES = Set.of("scriptNotFound", "responseStreamDisconnected",
            "exceededWallTime", "killSwitch", "daemonDown", "loadShed");
    /** Jackson loads when the first event is opened, not while the app's first frame is built. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final LogTailing tailing;
    private final WorkerDirectory directory;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ZoneId zone;

    // --- picker --------------------------------------------------------------------------------------
    private final ObservableList<WorkerChoice> choices = FXCollections.observableArrayList();
    // One read-only view each, kept: a view listens weakly to its list, so one made per call could be collected
    // together with the listeners the view added to it.
    private final ObservableList<WorkerChoice> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final FilteredList<WorkerChoice> shownChoices = new FilteredList<>(choices);
    private final StringProperty pickerFilter = new SimpleStringProperty(this, "pickerFilter", "");
    private final ReadOnlyStringWrapper pickerText = new ReadOnlyStringWrapper("Choose Workers");
    private final ReadOnlyStringWrapper pickerAction = new ReadOnlyStringWrapper("Start tailing");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final Map<String, WorkerChoice> choiceByName = new HashMap<>();

    // --- session ---------------------------------------------------------------------------------------
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ObservableList<HealthChip> health = FXCollections.observableArrayList();
    private final ObservableList<HealthChip> healthView = FXCollections.unmodifiableObservableList(health);
    private final ObservableList<String> tailedWorkers = FXCollections.observableArrayList();
    private final ObservableList<String> tailedWorkersView = FXCollections.unmodifiableObservableList(tailedWorkers);
    private final LogRows rows = new LogRows();
    private LogTailing.Session session;
    private LogView view;
    private String accountId;
    private String lastAccountId;
    private CompletableFuture<?> commands = CompletableFuture.completedFuture(null);

    // --- filters -------------------------------------------------------------------------------------
    private final ServerFilterForm serverForm = new ServerFilterForm();
    private final ReadOnlyStringWrapper serverFilterError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serverFilterSummary = new ReadOnlyStringWrapper("");
    private TailFilters serverFilters = TailFilters.none();
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex");
    private final ObjectProperty<LogLevel> minLevel = new SimpleObjectProperty<>(this, "minLevel", LogLevel.NONE);
    private final ObjectProperty<String> workerFilter = new SimpleObjectProperty<>(this, "workerFilter");
    private final ObjectProperty<String> statusFilter = new SimpleObjectProperty<>(this, "statusFilter");
    private final ReadOnlyStringWrapper clientFilterError = new ReadOnlyStringWrapper("");
    private ClientFilter clientFilter = ClientFilter.all();
    private boolean typingPending;
    private long typingDueAt;

    // --- follow, counters, detail, messages ----------------------------------------------------------------
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper pulseWanted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Long> newEvents = new ReadOnlyObjectWrapper<>(0L);
    private final ReadOnlyStringWrapper newEventsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countersText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper countersLossy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LogEntry> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailSubtitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailExceptions = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private long countersAt = Long.MIN_VALUE;
    private boolean emptyShown = true;

    // --- leftovers -----------------------------------------------------------------------------------
    private final ReadOnlyStringWrapper leftoverText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper cleaningUp = new ReadOnlyBooleanWrapper();
    private List<LeftoverTail> leftovers = List.of();
    private String leftoversCheckedFor;
    private boolean shown;
    private boolean closed;

    /**
     * @param tailing    opens tail sessions and finds leftovers (orchestration's LogTailService)
     * @param directory  the account's Worker names for the picker
     * @param tasks      runs what may block
     * @param uiExecutor hands results to the UI thread ({@code Platform::runLater})
     * @param zone       the zone times are shown in
     */
    public LogsViewModel(LogTailing tailing, WorkerDirectory directory, TaskRunner tasks, Executor uiExecutor,
                         ZoneId zone) {
        this.tailing = Objects.requireNonNull(tailing);
        this.directory = Objects.requireNonNull(directory);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(uiExecutor);
        this.zone = Objects.requireNonNull(zone);
        pickerFilter.addListener((obs, old, now) -> shownChoices.setPredicate(pickerPredicate(now)));
        searchText.addListener((obs, old, now) -> clientFilterChanged(true));
        regex.addListener((obs, old, now) -> clientFilterChanged(false));
        minLevel.addListener((obs, old, now) -> clientFilterChanged(false));
        workerFilter.addListener((obs, old, now) -> clientFilterChanged(false));
        statusFilter.addListener((obs, old, now) -> clientFilterChanged(false));
        updateTexts();
    }

    // --- connection and page lifecycle ------------------------------------------------------------------

    /**
     * The app's session changed. Connected to an account: its Workers fill the picker and, when the page
     * is shown, leftovers are looked for. Another account: the tails of the old one are closed and the
     * page starts empty.
     */
    public void sessionChanged(String currentAccountId) {
        // The last account seen, kept across a lost connection: reconnecting to another one is a switch too.
        String before = lastAccountId;
        accountId = currentAccountId;
        connected.set(currentAccountId != null);
        if (currentAccountId != null) {
            lastAccountId = currentAccountId;
        }
        boolean switched = before != null && currentAccountId != null && !before.equals(currentAccountId);
        if (switched) {
            stopTailing();
            rows.clear();
            view = null;
            session = null;
            pulseWanted.set(false);
            select(null);
            choices.clear();
            choiceByName.clear();
            tailedWorkers.clear();
            leftovers = List.of();
            leftoverText.set("");
            say("Switched account: the tails of the previous account were closed.", false);
        }
        if (currentAccountId != null && choices.isEmpty()) {
            loadWorkers(switched);
        }
        if (shown) {
            checkLeftovers();
        }
        updateTexts();
    }

    /** The page became visible. */
    public void onShow() {
        shown = true;
        if (connected.get() && choices.isEmpty()) {
            loadWorkers(false);
        }
        checkLeftovers();
        updateTexts();
    }

    /** The page was left: the view stops its pulse; the tails keep running. */
    public void onHide() {
        shown = false;
    }

    private void loadWorkers(boolean fresh) {
        String account = accountId;
        directory.names(fresh, names -> ui.execute(() -> {
            if (Objects.equals(account, accountId)) {
                applyWorkerNames(names);
            }
        }));
    }

    /** The account's Workers for the picker; keeps what was checked. UI thread. */
    public void applyWorkerNames(List<String> names) {
        List<WorkerChoice> added = new ArrayList<>();
        for (String n : names) {
            if (!choiceByName.containsKey(n)) {
                WorkerChoice c = choice(n);
                added.add(c);
            }
        }
        if (!added.isEmpty()) {
            List<WorkerChoice> all = new ArrayList<>(choices);
            all.addAll(added);
            all.sort(Comparator.comparing(WorkerChoice::name));
            choices.setAll(all);
        }
        updateTexts();
    }

    private WorkerChoice choice(String name) {
        WorkerChoice c = new WorkerChoice(name);
        c.selectedProperty().addListener((obs, old, now) -> updateTexts());
        choiceByName.put(name, c);
        return c;
    }

    // --- picker and tails ------------------------------------------------------------------------------

    /** "All": checks every Worker the picker shows (its search applied), or unchecks them when all are. */
    public void toggleAll() {
        boolean all = !shownChoices.isEmpty() && shownChoices.stream().allMatch(WorkerChoice::isSelected);
        for (WorkerChoice c : new ArrayList<>(shownChoices)) {
            c.selectedProperty().set(!all);
        }
    }

    public List<String> selectedWorkers() {
        return choices.stream().filter(WorkerChoice::isSelected).map(WorkerChoice::name).toList();
    }

    /**
     * Start (or, while tailing, apply the picker): tails the checked Workers, with the server filters.
     * While tailing, newly checked Workers are added and unchecked ones stopped.
     */
    public void start() {
        List<String> chosen = selectedWorkers();
        if (session != null && running.get()) {
            applySelection(chosen);
            return;
        }
        if (chosen.isEmpty()) {
            say("Pick at least one Worker to tail.", true);
            return;
        }
        Optional<LogTailing.Session> opened;
        try {
            opened = tailing.open();
        } catch (RuntimeException e) {
            say("Tailing could not start: " + message(e), true);
            return;
        }
        if (opened.isEmpty()) {
            say("Not connected: tails start once the app is connected to an account.", true);
            return;
        }
        LogTailing.Session s = opened.get();
        session = s;
        rows.clear();
        select(null);
        view = new LogView(s.buffer(), clientFilter);
        typingPending = false;
        running.set(true);
        pulseWanted.set(true);
        following.set(true);
        setNewEvents(0);
        s.addHealthListener(new LatestValueDispatcher<List<TailHealth>>(ui, h -> applyHealth(s, h)));
        say("", false);
        try {
            if (!serverFilters.isEmpty()) {
                s.setServerFilters(serverFilters);
            }
            s.start(chosen);
        } catch (RuntimeException e) {
            say("Tailing could not start: " + message(e), true);
        }
        tailedWorkers.setAll(new TreeSet<>(chosen));
        applyHealth(s, safeHealth(s));
        updateTexts();
    }

    private void applySelection(List<String> chosen) {
        LogTailing.Session s = session;
        Set<String> now = new LinkedHashSet<>(s.workers());
        List<String> add = chosen.stream().filter(w -> !now.contains(w)).toList();
        List<String> remove = now.stream().filter(w -> !chosen.contains(w)).toList();
        if (chosen.isEmpty()) {
            stopTailing();
            return;
        }
        if (!add.isEmpty()) {
            try {
                s.start(add);
            } catch (RuntimeException e) {
                say("Could not add " + LogsFormats.workers(add) + ": " + message(e), true);
            }
        }
        for (String w : remove) {
            command("Stop tailing " + w, () -> s.stop(w));
        }
        tailedWorkers.setAll(new TreeSet<>(chosen));
        if (workerFilter.get() != null && !chosen.contains(workerFilter.get())) {
            workerFilter.set(null);
        }
        applyHealth(s, safeHealth(s));
        updateTexts();
    }

    /** "Tail" on a Worker elsewhere in the app: tails it here (added to running tails, else alone). */
    public void tail(String worker) {
        WorkerChoice c = choiceByName.get(worker);
        if (c == null) {
            c = choice(worker);
            List<WorkerChoice> all = new ArrayList<>(choices);
            all.add(c);
            all.sort(Comparator.comparing(WorkerChoice::name));
            choices.setAll(all);
        }
        if (!running.get()) {
            choices.forEach(x -> x.selectedProperty().set(false));
        }
        c.selectedProperty().set(true);
        start();
    }

    /** Stops every tail (they are deleted on the account, as a task); the rows stay for reading and export. */
    public void stopTailing() {
        LogTailing.Session s = session;
        if (s == null || !running.get()) {
            return;
        }
        running.set(false);
        health.clear();
        command("Stop tailing", s::close);
        say("Tailing stopped; the tails were removed from the account. The events stay here until you start again.",
                false);
        updateTexts();
    }

    /** Empties the list (the buffer of a stopped session included). */
    public void clearRows() {
        rows.clear();
        select(null);
        if (!running.get()) {
            view = null;
            session = null;
            pulseWanted.set(false);
        }
        setNewEvents(0);
        updateTexts();
    }

    private static List<TailHealth> safeHealth(LogTailing.Session s) {
        try {
            return s.health();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    void applyHealth(LogTailing.Session from, List<TailHealth> list) {
        if (from != session || !running.get() || list == null) {
            return;
        }
        List<HealthChip> chips = list.stream()
                .sorted(Comparator.comparing(TailHealth::worker))
                .map(h -> new HealthChip(h.worker(), h.worker() + " · " + LogsFormats.state(h.state()),
                        LogsFormats.healthClass(h.state()), LogsFormats.healthTooltip(h, zone)))
                .toList();
        if (!chips.equals(health)) {
            health.setAll(chips);
        }
    }

    // --- server filters ----------------------------------------------------------------------------------

    /**
     * Applies the server-filter fields: invalid values say why and change nothing; valid ones re-create the
     * running tails with them (a notice in the stream marks the switch) or are kept for the next start.
     */
    public void applyServerFilters() {
        TailFilters next;
        try {
            next = serverForm.build();
        } catch (IllegalArgumentException e) {
            serverFilterError.set(e.getMessage() + ". Nothing was changed.");
            return;
        }
        serverFilterError.set("");
        if (next.equals(serverFilters)) {
            return;
        }
        serverFilters = next;
        serverFilterSummary.set(ServerFilters.summary(next));
        LogTailing.Session s = session;
        if (s != null && running.get()) {
            command("Apply server filters", () -> s.setServerFilters(next));
            say(next.isEmpty() ? "Server filters removed: the tails are re-created."
                    : "Server filters applied: the tails are re-created with them.", false);
        }
    }

    /** Empties the server-filter fields and applies that. */
    public void clearServerFilters() {
        serverForm.clear();
        applyServerFilters();
    }

    /** The server filters in effect (or used at the next start). */
    public TailFilters serverFilters() {
        return serverFilters;
    }

    // --- client filters ----------------------------------------------------------------------------------

    private void clientFilterChanged(boolean typing) {
        ClientFilter next;
        try {
            next = new ClientFilter(searchText.get(), regex.get(), minLevel.get(),
                    workerFilter.get() == null ? Set.of() : Set.of(workerFilter.get()),
                    outcomes(statusFilter.get()));
        } catch (IllegalArgumentException e) {
            clientFilterError.set(e.getMessage());
            return;
        }
        clientFilterError.set("");
        if (next.equals(clientFilter)) {
            return;
        }
        clientFilter = next;
        // A new filter makes the view rescan the buffer: while typing, that waits for a pause in the keys.
        if (typing) {
            typingPending = true;
            typingDueAt = UNSET;
        } else {
            typingPending = false;
            if (view != null) {
                view.setFilter(next);
            }
        }
        if (view != null) {
            pulseWanted.set(true);
        }
    }

    /** The wire outcomes of a status choice; empty (all) for null. */
    static Set<String> outcomes(String status) {
        if (status == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>(TailFilters.outcomesForStatus(List.of(status)));
        if (status.equals("error")) {
            out.addAll(MORE_FAILURES);
        }
        return out;
    }

    public ClientFilter clientFilter() {
        return clientFilter;
    }

    // --- frame pulse --------------------------------------------------------------------------------------

    /**
     * One frame: applies what the view gathered since the last frame (at most {@link #MAX_PER_FRAME}
     * entries) as one change of the rows, and every half second the counters. Returns the update that was
     * applied, or null when nothing changed. UI thread.
     */
    public ViewUpdate pulse(long nanoTime) {
        LogView v = view;
        if (v == null) {
            return null;
        }
        if (typingPending) {
            if (typingDueAt == UNSET) {
                typingDueAt = nanoTime + TEXT_FILTER_DELAY_NANOS;
            } else if (nanoTime - typingDueAt >= 0) {
                typingPending = false;
                v.setFilter(clientFilter);
            }
        }
        ViewUpdate u = v.poll(MAX_PER_FRAME);
        boolean changed = u != null && !u.isEmpty();
        if (changed) {
            apply(u);
        }
        if (countersAt == Long.MIN_VALUE || nanoTime - countersAt >= COUNTERS_EVERY_NANOS) {
            countersAt = nanoTime;
            refreshCounters();
        }
        if (!changed && !running.get() && !typingPending) {
            // A stopped session's last entries and the last filter change are shown: no frames needed.
            refreshCounters();
            pulseWanted.set(false);
        }
        return changed ? u : null;
    }

    /** Applies one update to the rows; counts what arrives while paused. UI thread. */
    public void apply(ViewUpdate u) {
        rows.apply(u);
        if (u.reset()) {
            setNewEvents(0);
        } else if (!following.get() && !u.added().isEmpty()) {
            setNewEvents(newEvents.get() + u.added().size());
        }
        if (rows.isEmpty() != emptyShown) {
            updateTexts();
        }
    }

    /** Whether this entry is among the rows now (the selection may have been filtered out or dropped). */
    public boolean isShown(LogEntry e) {
        int i = e == null ? -1 : rows.indexOfSeq(e.seq());
        return i >= 0 && rows.get(i).seq() == e.seq();
    }

    void refreshCounters() {
        LogTailing.Session s = session;
        LogView v = view;
        if (s == null || v == null) {
            countersText.set("");
            countersLossy.set(false);
            return;
        }
        LogCounters c;
        try {
            c = s.counters(v);
        } catch (RuntimeException e) {
            return;
        }
        countersText.set(LogsFormats.counters(c));
        countersLossy.set(LogsFormats.lossy(c));
        updateTexts();
    }

    // --- follow / pause --------------------------------------------------------------------------------------

    /** Follow the newest entries (the list scrolls with them); clears the new-events count. */
    public void follow() {
        following.set(true);
        setNewEvents(0);
    }

    /** Stop scrolling (button, or the user scrolled up or picked an event); events keep arriving. */
    public void pause() {
        if (following.get()) {
            following.set(false);
            setNewEvents(0);
        }
    }

    public void toggleFollow() {
        if (following.get()) {
            pause();
        } else {
            follow();
        }
    }

    private void setNewEvents(long n) {
        newEvents.set(n);
        newEventsText.set(n == 0 ? "" : LogsFormats.newEvents(n));
    }

    // --- selection and detail -------------------------------------------------------------------------------

    /** The event shown in the detail pane (null: none). */
    public void select(LogEntry e) {
        if (e != null && e.equals(selected.get())) {
            return;
        }
        selected.set(e);
        detailSubtitle.set("");
        if (e == null) {
            detailTitle.set("");
            detailText.set("");
            detailExceptions.set("");
            return;
        }
        if (e.kind() != EntryKind.EVENT) {
            detailTitle.set(e.kind() == EntryKind.GAP ? "Gap in the stream" : "Notice");
            detailText.set(LogsFormats.markerDetail(e, zone));
            detailExceptions.set("");
            return;
        }
        detailTitle.set(eventTitle(e));
        detailSubtitle.set(eventSubtitle(e));
        detailText.set(prettyJson(e.json()));
        detailExceptions.set(e.exception() ? exceptions(e.json()) : "");
    }

    /** "checkout-api · 10:01:02.345 · 500 exception". */
    String eventTitle(LogEntry e) {
        StringBuilder b = new StringBuilder(e.worker()).append(" · ").append(LogsFormats.time(e.time(), zone));
        if (e.status() > 0 || e.outcome() != null) {
            b.append(" ·");
        }
        if (e.status() > 0) {
            b.append(' ').append(e.status());
        }
        if (e.outcome() != null) {
            b.append(' ').append(LogsFormats.outcome(e.outcome()));
        }
        return b.toString();
    }

    /** "GET https://checkout-api.example.workers.dev/cart", or the event's subject (a cron, a queue). */
    String eventSubtitle(LogEntry e) {
        String url = e.url() == null ? e.eventType() : e.url();
        return e.method() == null ? url : e.method() + " " + url;
    }

    /** The colour number of a Worker's name: its place among the tailed Workers, so each differs. */
    public int workerColour(String worker) {
        int i = tailedWorkers.indexOf(worker);
        return i >= 0 ? i : worker == null ? 0 : worker.hashCode();
    }

    /** The event's JSON indented; as received when it does not parse. */
    static String prettyJson(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    /** "Error: boom" with its stack, one exception after the other; empty when none is readable. */
    static String exceptions(String json) {
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            JsonNode list = root == null ? null : root.get("exceptions");
            if (list == null || !list.isArray() || list.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            for (JsonNode x : list) {
                if (b.length() > 0) {
                    b.append("\n\n");
                }
                String name = x.path("name").asText("Error");
                String msg = x.path("message").asText("");
                b.append(name).append(msg.isEmpty() ? "" : ": " + msg);
                String stack = x.path("stack").asText("");
                if (!stack.isBlank()) {
                    // A JS stack repeats "Name: message" on its first line.
                    String first = stack.lines().findFirst().orElse("");
                    String rest = first.startsWith(name) ? stack.substring(first.length()).stripLeading() : stack;
                    rest.lines().forEach(l -> b.append("\n    ").append(l.strip()));
                }
            }
            return b.toString();
        } catch (IOException e) {
            return "";
        }
    }

    // --- export ---------------------------------------------------------------------------------------------

    /**
     * Writes what the list shows now (the filtered entries) to a file, as a task; the message says how it
     * went. Returns the number of entries written.
     */
    public CompletableFuture<Integer> export(Path file, ExportFormat format) {
        Objects.requireNonNull(file);
        Objects.requireNonNull(format);
        List<LogEntry> entries = rows.snapshot();
        say("Exporting " + LogsFormats.count(entries.size()) + " entries to " + file.getFileName() + "…", false);
        CompletableFuture<Integer> done = tasks.submit("Export logs to " + file.getFileName(), ctx -> {
            ctx.message(LogsFormats.count(entries.size()) + " entries as " + format.label());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (format == ExportFormat.NDJSON) {
                    LogExport.writeNdjson(entries, out);
                } else {
                    LogExport.writeText(entries, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return entries.size();
        }).result();
        done.whenComplete((n, error) -> ui.execute(() -> {
            if (error != null) {
                say("The export failed: " + message(error), true);
            } else {
                say("Exported " + LogsFormats.count(n) + (n == 1 ? " entry" : " entries") + " to " + file, false);
            }
        }));
        return done;
    }

    /** A file name for the export: flare-logs-checkout-api-20261122-101502.ndjson. */
    public String suggestedFileName(ExportFormat format, java.time.Instant now) {
        String who = tailedWorkers.size() == 1 ? tailedWorkers.get(0) : "workers";
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .format(now.atZone(zone));
        return "flare-logs-" + who + "-" + stamp + "." + format.extension();
    }

    // --- leftovers -------------------------------------------------------------------------------------------

    private void checkLeftovers() {
        String account = accountId;
        if (account == null || account.equals(leftoversCheckedFor)) {
            return;
        }
        leftoversCheckedFor = account;
        tasks.submit("Look for tails left by an earlier run", ctx -> tailing.findLeftovers()).result()
                .whenComplete((found, error) -> ui.execute(() -> {
                    if (!account.equals(accountId)) {
                        return;
                    }
                    if (error != null) {
                        // Not worth a banner: the next start of the page looks again.
                        leftoversCheckedFor = null;
                        return;
                    }
                    leftovers = List.copyOf(found);
                    leftoverText.set(leftoverBanner(leftovers.size()));
                }));
    }

    static String leftoverBanner(int n) {
        if (n == 0) {
            return "";
        }
        return n == 1 ? "1 tail left by an earlier run is still open on the account."
                : n + " tails left by an earlier run are still open on the account.";
    }

    /** Deletes the leftover tails (a task); the banner says how it went. */
    public void cleanUpLeftovers() {
        List<LeftoverTail> todo = leftovers;
        if (todo.isEmpty() || cleaningUp.get()) {
            return;
        }
        cleaningUp.set(true);
        tasks.submit("Clean up " + todo.size() + (todo.size() == 1 ? " leftover tail" : " leftover tails"),
                ctx -> tailing.cleanUp(todo)).result().whenComplete((n, error) -> ui.execute(() -> {
                    cleaningUp.set(false);
                    if (error != null) {
                        say("The leftover tails could not all be removed: " + message(error), true);
                        return;
                    }
                    leftovers = List.of();
                    leftoverText.set("");
                    say("Removed " + n + (n == 1 ? " leftover tail." : " leftover tails."), false);
                }));
    }

    public void dismissLeftovers() {
        leftoverText.set("");
    }

    // --- shutdown ---------------------------------------------------------------------------------------------

    /**
     * The app exits: stops every tail and waits (a few seconds at most) until they are deleted on the
     * account. Called on the app's shutdown path, before the connection closes.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LogTailing.Session s = session;
        running.set(false);
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // Leftovers are found and offered for clean-up at the next start.
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Runs a session command as a task after the ones before it (re-create, stop and close never interleave). */
    private void command(String title, Runnable work) {
        CompletableFuture<?> previous = commands;
        commands = previous.handle((v, e) -> null)
                .thenCompose(v -> tasks.submit(title, ctx -> {
                    work.run();
                    return null;
                }).result())
                .whenComplete((v, error) -> {
                    if (error != null) {
                        ui.execute(() -> say(title + " failed: " + message(error), true));
                    }
                });
    }

    /** Completes when the session commands issued so far are done (tests, shutdown). */
    public CompletableFuture<?> commandsDone() {
        return commands.handle((v, e) -> null);
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error && !text.isEmpty());
    }

    private static String message(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static java.util.function.Predicate<WorkerChoice> pickerPredicate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return c -> c.name().toLowerCase(Locale.ROOT).contains(needle);
    }

    private void updateTexts() {
        List<String> chosen = selectedWorkers();
        pickerText.set(chosen.isEmpty() ? "Choose Workers" : LogsFormats.workers(chosen));
        boolean live = running.get();
        pickerAction.set(live ? "Apply" : chosen.size() <= 1 ? "Start tailing" : "Start tailing " + chosen.size()
                + " Workers");
        canStart.set(connected.get() && !chosen.isEmpty() && !live);
        emptyShown = rows.isEmpty();
        emptyText.set(emptyText());
    }

    private String emptyText() {
        if (!rows.isEmpty()) {
            return "";
        }
        if (!connected.get()) {
            return "Connect to an account to tail its Workers' live logs.";
        }
        if (!running.get()) {
            return session == null ? "Pick Workers and press Start to tail their live logs."
                    : "Tailing stopped. Pick Workers and press Start to tail them again.";
        }
        long hidden = view == null ? 0 : safeHidden(view);
        if (hidden > 0) {
            return "No event matches the filters — " + LogsFormats.count(hidden)
                    + (hidden == 1 ? " entry is" : " entries are") + " hidden. Clear the search or lower the level.";
        }
        return "Waiting for events from " + LogsFormats.workers(tailedWorkers)
                + "… They appear as requests reach the Workers.";
    }

    private static long safeHidden(LogView v) {
        try {
            return v.hidden();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // --- read-only state ----------------------------------------------------------------------------------------

    public ObservableList<WorkerChoice> choices() { return choicesView; }
    /** The picker's Workers, its search applied. */
    public FilteredList<WorkerChoice> shownChoices() { return shownChoices; }
    public StringProperty pickerFilterProperty() { return pickerFilter; }
    /** "Choose Workers", or the checked ones: "checkout-api and payments-webhook". */
    public ReadOnlyStringProperty pickerTextProperty() { return pickerText.getReadOnlyProperty(); }
    /** The picker's button: "Start tailing 2 Workers", or "Apply" while tailing. */
    public ReadOnlyStringProperty pickerActionProperty() { return pickerAction.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty connectedProperty() { return connected.getReadOnlyProperty(); }
    public ObservableList<HealthChip> health() { return healthView; }
    /** The Workers being tailed, for the client Worker filter. */
    public ObservableList<String> tailedWorkers() { return tailedWorkersView; }
    public LogRows rows() { return rows; }
    public ServerFilterForm serverForm() { return serverForm; }
    public ReadOnlyStringProperty serverFilterErrorProperty() { return serverFilterError.getReadOnlyProperty(); }
    /** The server filters in effect, in a few words; empty when none. */
    public ReadOnlyStringProperty serverFilterSummaryProperty() { return serverFilterSummary.getReadOnlyProperty(); }
    public StringProperty searchTextProperty() { return searchText; }
    public BooleanProperty regexProperty() { return regex; }
    public ObjectProperty<LogLevel> minLevelProperty() { return minLevel; }
    /** One Worker only, or null for all. */
    public ObjectProperty<String> workerFilterProperty() { return workerFilter; }
    /** ok, error, canceled, or null for any. */
    public ObjectProperty<String> statusFilterProperty() { return statusFilter; }
    public ReadOnlyStringProperty clientFilterErrorProperty() { return clientFilterError.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty followingProperty() { return following.getReadOnlyProperty(); }
    /**
     * Whether {@link #pulse} has work: while tailing, and until a stopped session's last entries or a filter
     * change are applied. The view runs its frame pulse only then (an idle pulse would wake the toolkit
     * every frame for nothing).
     */
    public ReadOnlyBooleanProperty pulseWantedProperty() { return pulseWanted.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Long> newEventsProperty() { return newEvents.getReadOnlyProperty(); }
    /** "12 new events — resume" while paused and events came; empty otherwise. */
    public ReadOnlyStringProperty newEventsTextProperty() { return newEventsText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty countersTextProperty() { return countersText.getReadOnlyProperty(); }
    /** True when something was dropped, sampled away or a gap occurred. */
    public ReadOnlyBooleanProperty countersLossyProperty() { return countersLossy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty emptyTextProperty() { return emptyText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<LogEntry> selectedProperty() { return selected.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailTitleProperty() { return detailTitle.getReadOnlyProperty(); }
    /** The request line ("GET https://…") or the event's subject. */
    public ReadOnlyStringProperty detailSubtitleProperty() { return detailSubtitle.getReadOnlyProperty(); }
    /** The selected event's JSON, indented (or a gap / notice explained). */
    public ReadOnlyStringProperty detailTextProperty() { return detailText.getReadOnlyProperty(); }
    /** The selected event's exceptions with their stacks; empty when none. */
    public ReadOnlyStringProperty detailExceptionsProperty() { return detailExceptions.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    /** "3 tails left by an earlier run are still open on the account."; empty when none. */
    public ReadOnlyStringProperty leftoverTextProperty() { return leftoverText.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty cleaningUpProperty() { return cleaningUp.getReadOnlyProperty(); }
    public ZoneId zone() { return zone; }
}
