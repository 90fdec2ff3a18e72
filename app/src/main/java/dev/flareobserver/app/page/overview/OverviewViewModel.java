package dev.flareobserver.app.page.overview;

import dev.flareobserver.app.chart.ChartPoint;
import dev.flareobserver.app.chart.ChartSeries;
import dev.flareobserver.app.page.workers.AccountFeed;
import dev.flareobserver.app.page.workers.PanelProblem;
import dev.flareobserver.app.page.workers.WorkerFormats;
import dev.flareobserver.app.page.workers.WorkersTableModel;
import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.HealthThresholds;
import dev.flareobserver.orchestration.monitor.LoadPoint;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.Totals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.TokenInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Overview: a compact connection summary (from the session), the account's figure tiles, the load
 * chart and the Workers table (from the {@link AccountMonitor}, followed only while the page is shown).
 * Unknown figures read "—", never 0; stale ones carry "stale · 2 m old".
 */
public final class OverviewViewModel {

    /** The load chart of a snapshot: the window's time range and its two lines, in req/min. */
    public record LoadChart(Instant from, Instant to, List<ChartSeries> series) {
    }

    static final String NONE = "—";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper subheading = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper accountName = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper accountId = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper accountsVisible = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper tokenStatus = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper credential = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper endpoint = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();

    private final TileModel requestsTile = new TileModel("Requests");
    private final TileModel errorRateTile = new TileModel("Error rate");
    private final TileModel cpuTile = new TileModel("CPU time p99");
    private final TileModel failingTile = new TileModel("Workers with errors");
    private final WorkersTableModel workers = new WorkersTableModel();
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(this, "window", TimeWindow.H1);
    private final ReadOnlyObjectWrapper<LoadChart> loadChart = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper freshness = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final HealthThresholds thresholds;
    private final Clock clock;
    private final AccountFeed feed;
    private final String figuresSpan;

    /** The connection summary only, with no monitor: for tests of the summary. */
    public OverviewViewModel(ReadOnlyObjectProperty<SessionSnapshot> session) {
        this(session, Optional::empty, Runnable::run, Clock.systemUTC(), HealthThresholds.defaults(),
                Duration.ofMinutes(15));
    }

    /**
     * @param session    the app session, for the summary and to notice the connection
     * @param monitors   the account monitor once connected
     * @param uiExecutor runs snapshot hand-overs on the UI thread ({@code Platform::runLater})
     * @param figuresSpan what the tiles and the table figures cover (the monitor's current span)
     */
    public OverviewViewModel(ReadOnlyObjectProperty<SessionSnapshot> session, Supplier<Optional<AccountMonitor>> monitors,
                             Executor uiExecutor, Clock clock, HealthThresholds thresholds, Duration figuresSpan) {
        this.clock = clock;
        this.figuresSpan = WorkerFormats.span(figuresSpan);
        this.thresholds = thresholds;
        this.feed = new AccountFeed(monitors, uiExecutor, this::applySnapshot);
        apply(session.get());
        session.addListener((obs, old, now) -> {
            apply(now);
            if (old != null && accountId(old) != null && !java.util.Objects.equals(accountId(old), accountId(now))) {
                // Another account: its figures replace these; until they arrive nothing of the old one shows.
                applySnapshot(AccountSnapshot.empty(window.get()));
                feed.refreshNow();
            }
            feed.sessionChanged();
        });
        window.addListener((obs, old, now) -> feed.setWindow(now));
        feed.setWindow(window.get());
        applySnapshot(AccountSnapshot.empty());
    }

    private static String accountId(SessionSnapshot s) {
        return s.connection().current() == null ? null : s.connection().current().id();
    }

    // --- commands ---------------------------------------------------------------------------------

    /** The page became visible: follow the monitor and let it poll. */
    public void onShow() {
        feed.show();
    }

    /** The page was left: stop polling. */
    public void onHide() {
        feed.hide();
    }

    /** Enter or double-click on a Worker opens its page. */
    public void setWorkerOpener(Consumer<String> opener) {
        workers.setOpener(opener);
    }

    /** "Tail live logs" on a Worker's row opens the Logs page tailing it. */
    public void setWorkerTailer(Consumer<String> tailer) {
        workers.setTailer(tailer);
    }

    // --- snapshots --------------------------------------------------------------------------------

    /**
     * Shows one account snapshot: tiles, load chart, Workers rows (updated in place, sorted once) and
     * the problem banner. Runs on the UI thread; public so a benchmark can time it with 1000 Workers.
     */
    public void applySnapshot(AccountSnapshot s) {
        boolean loaded = s.fetchedAt() != null;
        boolean isStale = s.staleness() != null && s.staleness().stale();
        String staleText = isStale ? WorkerFormats.stale(s.staleness().lastSuccess() == null ? null
                : s.staleness().age(clock)) : "";
        stale.set(isStale);
        Totals t = loaded ? s.totals() : null;
        if (t == null) {
            requestsTile.set(WorkerFormats.UNKNOWN, "", "", "");
            errorRateTile.set(WorkerFormats.UNKNOWN, "", "", "");
            cpuTile.set(WorkerFormats.UNKNOWN, "", "", "");
            failingTile.set(WorkerFormats.UNKNOWN, "", "", "");
        } else {
            String over = "over the last " + figuresSpan;
            requestsTile.set(number(t.requestsPerMinute()), "req/min", "average " + over, "");
            errorRateTile.set(percentNumber(t.errorRatio(), t.requestsPerMinute()), "%", "of requests " + over,
                    t.errorRatio() >= thresholds.criticalErrorRatio() ? "critical"
                            : t.errorRatio() >= thresholds.warnErrorRatio() ? "warn" : "");
            cpuTile.set(t.cpuP99Ms() == null ? WorkerFormats.UNKNOWN : millisNumber(t.cpuP99Ms()), "ms",
                    "slowest 1 % of invocations", t.cpuP99Ms() == null ? ""
                            : t.cpuP99Ms() >= thresholds.criticalCpuP99Ms() ? "critical"
                            : t.cpuP99Ms() >= thresholds.warnCpuP99Ms() ? "warn" : "");
            failingTile.set(Integer.toString(t.workersWithErrors()), "",
                    "of " + s.workers().size() + (s.workers().size() == 1 ? " Worker" : " Workers"),
                    t.workersWithErrors() > 0 ? "warn" : "");
        }
        for (TileModel tile : tiles()) {
            tile.setStale(loaded ? staleText : "");
        }
        freshness.set(!loaded ? "" : isStale ? staleText
                : "updated " + WorkerFormats.ago(s.fetchedAt(), clock.instant()));
        if (loaded) {
            workers.apply(s.workers(), s.fetchedAt());
        } else {
            workers.clear();
        }
        if (loaded) {
            loadChart.set(loadChart(s));
        } else {
            Instant now = clock.instant();
            loadChart.set(new LoadChart(now.minus(window.get().duration()), now, List.of()));
        }
        problem.set(PanelProblem.of(s.problem(), s.staleness(), clock));
    }

    static LoadChart loadChart(AccountSnapshot s) {
        Instant to = s.fetchedAt();
        Instant from = to.minus(s.window().duration());
        List<LoadPoint> load = s.load();
        // The points are per bucket; the axis says req/min whatever the bucket size of the window.
        double perMinute = 60_000.0 / s.window().step().toMillis();
        List<ChartPoint> requests = new ArrayList<>(load.size());
        List<ChartPoint> errors = new ArrayList<>(load.size());
        for (LoadPoint p : load) {
            // A bucket cut by either end of the window (the running minute) would read as a sudden drop.
            if (p.time().isBefore(from) || p.time().plus(s.window().step()).isAfter(to)) {
                continue;
            }
            requests.add(new ChartPoint(p.time(), p.requests() * perMinute));
            errors.add(new ChartPoint(p.time(), p.errors() * perMinute));
        }
        return new LoadChart(from, to, List.of(new ChartSeries("Requests", "req/min", requests),
                new ChartSeries("Errors", "req/min", errors)));
    }

    private static String number(double v) {
        return WorkerFormats.perMinute(v).replace(" req/min", "");
    }

    private static String percentNumber(double ratio, double requestsPerMinute) {
        return requestsPerMinute == 0 ? WorkerFormats.UNKNOWN : WorkerFormats.percent(ratio).replace(" %", "");
    }

    private static String millisNumber(double ms) {
        return WorkerFormats.millis(ms).replace(" ms", "");
    }

    public List<TileModel> tiles() {
        return List.of(requestsTile, errorRateTile, cpuTile, failingTile);
    }

    void apply(SessionSnapshot s) {
        ConnectionSnapshot c = s.connection();
        ConnectionSettings settings = s.settings();
        AccountSummary current = c.current();
        loading.set(s.busy());
        connected.set(c.isConnected());
        state.set(switch (c.state()) {
            case CONNECTED -> "Connected";
            case CONNECTING -> s.activity() != null ? s.activity() : "Connecting…";
            case FAILED -> "Failed: " + (c.problem() == null ? "see the message above" : c.problem().title());
            case DISCONNECTED -> s.activity() != null ? s.activity() : "Not connected";
        });
        if (current != null) {
            heading.set(current.label());
            subheading.set(s.demo() ? "Demo account served by the local emulator" : "Cloudflare account");
        } else if (c.isConnected()) {
            heading.set("No account");
            subheading.set("The credential works but sees no account");
        } else {
            heading.set(s.busy() ? "Connecting…" : "Not connected");
            subheading.set(s.busy() ? s.activity() : "The connection summary appears once connected");
        }
        accountName.set(current == null ? NONE : current.name());
        accountId.set(current == null ? NONE : current.id());
        accountsVisible.set(c.isConnected() ? c.accounts().size() + (c.accounts().size() == 1 ? " account" : " accounts")
                : NONE);
        tokenStatus.set(token(c.token()));
        credential.set(settings == null ? (s.demo() ? "demo emulator (starting)" : NONE) : settings.credentialDescription());
        endpoint.set(c.endpoint() == null || c.endpoint().isBlank()
                ? (settings == null ? NONE : settings.baseUrl()) : c.endpoint());
        mode.set(switch (c.mode()) {
            case DEMO -> "Demo — local emulator";
            case TOKEN -> "API token";
            case API_KEY -> "Global API key (legacy)";
        });
    }

    static String token(TokenInfo t) {
        if (t == null) {
            return NONE;
        }
        String kind = switch (t.kind()) {
            case USER_TOKEN -> "user token";
            case ACCOUNT_TOKEN -> "account token";
            case GLOBAL_API_KEY -> "global API key";
        };
        String status = t.status().isEmpty() ? "unknown"
                : Character.toUpperCase(t.status().charAt(0)) + t.status().substring(1);
        String expires = t.expiresOn() == null ? "" : " · expires " + DATE.format(t.expiresOn());
        return status + " · " + kind + expires;
    }

    public ReadOnlyStringProperty headingProperty() { return heading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty subheadingProperty() { return subheading.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountNameProperty() { return accountName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountIdProperty() { return accountId.getReadOnlyProperty(); }
    public ReadOnlyStringProperty accountsVisibleProperty() { return accountsVisible.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tokenStatusProperty() { return tokenStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty credentialProperty() { return credential.getReadOnlyProperty(); }
    public ReadOnlyStringProperty endpointProperty() { return endpoint.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modeProperty() { return mode.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty connectedProperty() { return connected.getReadOnlyProperty(); }
    public TileModel requestsTile() { return requestsTile; }
    public TileModel errorRateTile() { return errorRateTile; }
    public TileModel cpuTile() { return cpuTile; }
    public TileModel failingTile() { return failingTile; }
    public WorkersTableModel workers() { return workers; }
    /** The load chart window (15 m ... 7 d); changing it asks the monitor for that window. */
    public ObjectProperty<TimeWindow> windowProperty() { return window; }
    public ReadOnlyObjectProperty<LoadChart> loadChartProperty() { return loadChart.getReadOnlyProperty(); }
    /** The problem of the last refresh, or null. */
    public ReadOnlyObjectProperty<PanelProblem> problemProperty() { return problem.getReadOnlyProperty(); }
    /** "updated just now" or "stale · 2 m old". */
    public ReadOnlyStringProperty freshnessProperty() { return freshness.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
}
