package dev.flareobserver.app;

import dev.flareobserver.app.page.d1.D1Page;
import dev.flareobserver.app.page.kv.KvPage;
import dev.flareobserver.app.page.r2.R2Page;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.app.session.Resources;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.PageRegistry;
import dev.flareobserver.app.page.logs.ExportFileChooser;
import dev.flareobserver.app.page.logs.LogTailing;
import dev.flareobserver.app.page.logs.LogsPage;
import dev.flareobserver.app.page.logs.LogsViewModel;
import dev.flareobserver.app.page.logs.WorkerDirectory;
import dev.flareobserver.app.page.overview.OverviewPage;
import dev.flareobserver.app.page.overview.OverviewViewModel;
import dev.flareobserver.app.page.containers.ContainersPage;
import dev.flareobserver.app.page.placeholder.PlaceholderPage;
import dev.flareobserver.app.page.provisioning.ProvisioningPage;
import dev.flareobserver.app.page.provisioning.ProvisioningViewModel;
import dev.flareobserver.app.page.provisioning.RecentConfigs;
import dev.flareobserver.orchestration.provision.ProvisionJournals;
import dev.flareobserver.orchestration.provision.ProvisionService;
import dev.flareobserver.app.page.settings.SettingsPage;
import dev.flareobserver.app.page.settings.SettingsViewModel;
import dev.flareobserver.app.page.workers.WorkerActions;
import dev.flareobserver.app.page.workers.WorkerDetailViewModel;
import dev.flareobserver.app.page.workers.WorkersPage;
import dev.flareobserver.app.page.workers.WorkersPageViewModel;
import dev.flareobserver.app.session.AppSession;
import dev.flareobserver.app.session.Monitoring;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import java.time.Clock;
import java.time.ZoneId;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.SettingsStore;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.app.shell.CommandPaletteViewModel;
import dev.flareobserver.app.shell.ShellView;
import dev.flareobserver.app.shell.ShellViewModel;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app. {@code Application.launch} uses the no-argument constructor and the real system;
 * tests construct it with their own {@link AppContext} and call {@link #start(Stage)} on the FX thread.
 *
 * <p>The window shows before anything connects: the session (demo emulator, token verification)
 * starts as a task after the stage is up, so the first frame never waits for the network.
 */
public class FlareObserverApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(FlareObserverApp.class);
    public static final String WINDOW_TITLE = "Flare Observer";

    private AppContext context;
    private AppSession session;
    private Monitoring monitoring;
    private PageRegistry pages;
    private ShellViewModel shell;
    private LogsViewModel logs;
    private volatile ExportFileChooser exportChooser = ExportFileChooser.nativeDialog();
    private volatile FileDialogs fileDialogs = FileDialogs.nativeDialogs();
    private WriteLockModel writeLock;
    private Resources resources;
    private ExecutorService settingsWriter;
    private boolean stopped;

    /** For {@code Application.launch}: the real environment and XDG directories. */
    public FlareObserverApp() {
        this(null);
    }

    public FlareObserverApp(AppContext context) {
        this.context = context;
    }

    @Override
    public void start(Stage stage) {
        FirstFrame.mark("start() entered");
        if (context == null) {
            context = AppContext.fromSystem();
        }
        SettingsStore store = new SettingsStore(context.settingsDir());
        settingsWriter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flare-settings-writer");
            t.setDaemon(true);
            return t;
        });
        SettingsModel settings = new SettingsModel(store, store.load(), settingsWriter);
        FirstFrame.mark("settings loaded");
        applyTheme(settings.get().theme());
        FirstFrame.mark("theme applied");

        session = new AppSession(context.environment(), context.taskRunner(), context.demoEmulators());
        shell = new ShellViewModel(session, context.taskRunner(), settings, Platform::runLater);
        shell.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        CommandPaletteViewModel palette = new CommandPaletteViewModel(shell);

        // The analytics refresh interval of the settings; a change applies from the next start.
        MonitorOptions monitorOptions = MonitorOptions.defaults()
                .withInterval(java.time.Duration.ofSeconds(Math.max(5, settings.get().analyticsRefreshSeconds())));
        monitoring = new Monitoring(session, monitorOptions);
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        // The Logs page's state lives as long as the app: its tails keep running while other pages are shown,
        // and a "Tail" on any Worker reaches it before the page was ever opened.
        logs = new LogsViewModel(LogTailing.of(session::connection, LogTailOptions.defaults()),
                WorkerDirectory.of(monitoring::account), context.taskRunner(), Platform::runLater, zone);
        Consumer<String> tail = name -> {
            logs.tail(name);
            shell.navigate(PageId.LOGS);
        };
        WorkersPageViewModel workers = new WorkersPageViewModel(monitoring::account, Platform::runLater, name -> {
            WorkerDetailViewModel detail = new WorkerDetailViewModel(name, monitoring.worker(name),
                    monitoring.workersService().map(WorkerActions::of).orElse(null), context.taskRunner(),
                    Platform::runLater, clock, zone);
            detail.setOnTail(() -> tail.accept(name));
            return detail;
        }, clock);
        workers.table().setTailer(tail);
        // Writes start locked on a real account and lock again when the account changes; demo mode starts unlocked.
        writeLock = new WriteLockModel(WriteAccess.forDemo(session.isDemo()), Platform::runLater);
        resources = new Resources(session::connection,
                new ResourceWrites(writeLock.access(), AuditTrail.persistent(AuditTrail.defaultFile()), clock));
        shell.sessionProperty().addListener((obs, old, now) -> {
            String accountId = now.connection().current() == null ? null : now.connection().current().id();
            String oldAccountId = old == null || old.connection().current() == null ? null
                    : old.connection().current().id();
            if (!session.isDemo() && !Objects.equals(accountId, oldAccountId)) {
                writeLock.lock();
            }
            workers.sessionChanged(accountId);
            logs.sessionChanged(now.connection().isConnected() ? accountId : null);
        });

        pages = new PageRegistry();
        pages.register(PageId.OVERVIEW, () -> {
            OverviewViewModel overview = new OverviewViewModel(shell.sessionProperty(), monitoring::account,
                    Platform::runLater, clock, monitorOptions.thresholds(), monitorOptions.currentSpan());
            overview.setWorkerOpener(name -> {
                workers.open(name);
                shell.navigate(PageId.WORKERS);
            });
            overview.setWorkerTailer(tail);
            return new OverviewPage(overview);
        });
        pages.register(PageId.WORKERS, () -> new WorkersPage(workers, zone));
        pages.register(PageId.LOGS, () -> new LogsPage(logs,
                (format, name, owner) -> exportChooser.choose(format, name, owner)));
        ResourcePageContext resourcePages = new ResourcePageContext(resources, writeLock, context.taskRunner(),
                Platform::runLater, new FileDialogs() {
                    @Override
                    public Optional<Path> open(String title, Window owner) {
                        return fileDialogs.open(title, owner);
                    }

                    @Override
                    public Optional<Path> save(String title, String suggestedName, Window owner) {
                        return fileDialogs.save(title, suggestedName, owner);
                    }
                }, shell.sessionProperty());
        pages.register(PageId.KV, () -> new KvPage(resourcePages));
        pages.register(PageId.R2, () -> new R2Page(resourcePages));
        pages.register(PageId.D1, () -> new D1Page(resourcePages));
        Path stateDir = AuditTrail.defaultFile().getParent();
        ProvisionJournals journals = new ProvisionJournals(stateDir.resolve("provision"), clock);
        pages.register(PageId.PROVISIONING, () -> new ProvisioningPage(new ProvisioningViewModel(
                () -> session.connection().map(c -> new ProvisionService(c, resources.writes(), journals)),
                writeLock.unlockedProperty(), context.taskRunner(), Platform::runLater,
                new RecentConfigs(stateDir.resolve("provision-recent.txt"))), resourcePages.files()));
        // Containers polls at its own interval from the settings (instance state changes faster than analytics).
        MonitorOptions containersOptions = monitorOptions.withInterval(
                java.time.Duration.ofSeconds(Math.max(5, settings.get().containersRefreshSeconds())));
        pages.register(PageId.CONTAINERS, () -> new ContainersPage(resourcePages, containersOptions, clock, zone));
        for (PlaceholderPage.Plan plan : PlaceholderPage.plans()) {
            pages.register(plan.id(), () -> new PlaceholderPage(plan));
        }
        pages.register(PageId.SETTINGS, () -> new SettingsPage(new SettingsViewModel(settings, shell.sessionProperty())));

        ShellView view = new ShellView(shell, palette, pages, writeLock, resources.writes().audit(), fileDialogs);
        Parent root = view.build();
        FirstFrame.mark("shell built");
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(
                FlareObserverApp.class.getResource("app.css"), "app.css").toExternalForm());
        view.installShortcuts(scene);

        stage.setTitle(WINDOW_TITLE);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(scene);
        // Connecting starts once the first frame is out, so the emulator's start-up never delays it.
        FirstFrame.measure(scene, () -> {
            view.showFirstPage();
            session.connect();
        });
        stage.show();
        FirstFrame.mark("stage shown");
    }

    /** The shell's view model, for UI tests that want to wait for a state. */
    public ShellViewModel shell() {
        return shell;
    }

    /** The Logs page's view model, for UI tests that want to wait for a state. */
    public LogsViewModel logs() {
        return logs;
    }

    /** Where exports are written: the native save dialog unless a UI test says otherwise. */
    public void setExportFileChooser(ExportFileChooser chooser) {
        exportChooser = Objects.requireNonNull(chooser);
    }

    /** Where the resource pages read and write files: native dialogs unless a UI test says otherwise. */
    public void setFileDialogs(FileDialogs dialogs) {
        fileDialogs = Objects.requireNonNull(dialogs);
    }

    /** A page of the window (built on first use), for UI tests that read what it draws. */
    public dev.flareobserver.app.page.Page page(PageId id) {
        return pages.get(id);
    }

    /** The session's write lock, for UI tests. */
    public WriteLockModel writeLock() {
        return writeLock;
    }

    /** The KV, R2 and D1 services, for UI tests that check what a page did. */
    public Resources resources() {
        return resources;
    }

    /**
     * Deletes the running tails, closes the connection, stops the in-process emulator and the task runner.
     * The tails go first: deleting them needs the connection.
     */
    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (pages != null) {
            pages.disposeAll();
        }
        if (logs != null) {
            logs.close();
        }
        if (monitoring != null) {
            monitoring.close();
        }
        if (session != null) {
            session.close();
        }
        if (context != null) {
            context.taskRunner().close();
        }
        if (settingsWriter != null) {
            // Pending saves finish; the thread is a daemon, so a stuck disk cannot hold the JVM.
            settingsWriter.shutdown();
        }
        LOG.debug("Flare Observer stopped");
    }

    /** The precompiled (binary) form of the theme: parsing the 170 KB CSS text costs first-frame time. */
    private static void applyTheme(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }
}
