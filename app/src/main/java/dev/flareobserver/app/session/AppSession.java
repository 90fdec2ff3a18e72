package dev.flareobserver.app.session;

import dev.flareobserver.app.demo.DemoEmulator;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionOptions;
import dev.flareobserver.orchestration.connection.ConnectionProblem;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one connection: in demo mode it first starts the local emulator, then connects through
 * orchestration's {@link AccountConnection}. Everything slow runs as a task; listeners hear about it
 * on the task's thread (the UI batches them onto the FX thread).
 */
public final class AppSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppSession.class);
    static final String DEMO_SOURCE = "demo emulator";

    private final TaskRunner tasks;
    private final DemoEmulatorFactory demoEmulators;
    private final ConnectionOptions options;
    private final boolean demo;
    private final List<Consumer<SessionSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<BudgetSnapshot>> budgetListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean connecting = new AtomicBoolean();

    private volatile ConnectionSettings settings;
    private volatile DemoEmulator emulator;
    private volatile AccountConnection connection;
    private volatile SessionSnapshot snapshot;
    private volatile boolean closed;

    public AppSession(Map<String, String> environment, TaskRunner tasks, DemoEmulatorFactory demoEmulators) {
        this(environment, tasks, demoEmulators, ConnectionOptions.defaults());
    }

    public AppSession(Map<String, String> environment, TaskRunner tasks, DemoEmulatorFactory demoEmulators,
                      ConnectionOptions options) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.demoEmulators = Objects.requireNonNull(demoEmulators, "demoEmulators");
        this.options = Objects.requireNonNull(options, "options");
        Optional<ConnectionSettings> fromEnv = ConnectionSettings.fromEnvironment(environment);
        this.demo = fromEnv.isEmpty();
        this.settings = fromEnv.orElse(null);
        ConnectionSnapshot initial = new ConnectionSnapshot(ConnectionState.DISCONNECTED,
                demo ? ConnectionSettings.Mode.DEMO : settings.mode(),
                demo ? "" : settings.baseUrl(), List.of(), null, null, null);
        this.snapshot = new SessionSnapshot(demo, settings, initial, null);
    }

    public boolean isDemo() {
        return demo;
    }

    public SessionSnapshot snapshot() {
        return snapshot;
    }

    public BudgetSnapshot budget() {
        AccountConnection c = connection;
        return c == null ? BudgetSnapshot.full() : c.rateBudget();
    }

    /** The connection once it is connected; the monitors are built on it. */
    public Optional<AccountConnection> connection() {
        AccountConnection c = connection;
        return c != null && c.snapshot().state() == ConnectionState.CONNECTED ? Optional.of(c) : Optional.empty();
    }

    public void addListener(Consumer<SessionSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void addBudgetListener(Consumer<BudgetSnapshot> listener) {
        budgetListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Starts the demo emulator if needed and connects, as a task. A call while a connect is still
     * running is dropped: Retry pressed twice connects once.
     */
    public void connect() {
        if (closed || !connecting.compareAndSet(false, true)) {
            return;
        }
        String title = demo && emulator == null ? "Starting demo mode" : "Connecting to Cloudflare";
        tasks.submit(title, ctx -> {
            try {
                if (demo && emulator == null) {
                    ctx.message("Starting the local emulator");
                    publish(new SessionSnapshot(true, null, connectingSnapshot(""),
                            "Starting the local demo emulator…"));
                    if (!startEmulator()) {
                        return null;
                    }
                }
                ctx.throwIfCancelled();
                ctx.message("Verifying the credential and listing accounts");
                connectionForConnect().connect();
                return null;
            } finally {
                connecting.set(false);
            }
        });
    }

    /** Same as {@link #connect()}: Retry after a problem. */
    public void retry() {
        connect();
    }

    public void selectAccount(String accountId) {
        AccountConnection c = connection;
        if (c != null) {
            c.selectAccount(accountId);
        }
    }

    private boolean startEmulator() {
        try {
            DemoEmulator started = demoEmulators.start();
            if (closed) {
                started.close();
                return false;
            }
            emulator = started;
            settings = ConnectionSettings.demo(started.baseUrl(), started.token());
            LOG.info("Demo emulator listening at {}", started.baseUrl());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("The demo emulator did not start", e);
            ConnectionProblem problem = new ConnectionProblem("The local demo emulator did not start",
                    "Demo mode needs the built-in emulator, and it failed to start: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + " Retry, or set CLOUDFLARE_API_TOKEN to use a real account.",
                    "Error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + (e.getCause() == null ? "" : "\n  caused by: " + e.getCause()));
            publish(new SessionSnapshot(true, null, new ConnectionSnapshot(ConnectionState.FAILED,
                    ConnectionSettings.Mode.DEMO, "", List.of(), null, problem, null), null));
            return false;
        }
    }

    private synchronized AccountConnection connectionForConnect() {
        if (connection == null) {
            AccountConnection c = new AccountConnection(settings, options);
            c.addListener(s -> publish(new SessionSnapshot(demo, settings, s,
                    s.state() == ConnectionState.CONNECTING ? connectingActivity() : null)));
            c.addRateBudgetListener(b -> budgetListeners.forEach(l -> l.accept(b)));
            connection = c;
        }
        return connection;
    }

    private String connectingActivity() {
        return demo ? "Connecting to the demo emulator…" : "Verifying the credential and listing accounts…";
    }

    private ConnectionSnapshot connectingSnapshot(String endpoint) {
        return new ConnectionSnapshot(ConnectionState.CONNECTING, demo ? ConnectionSettings.Mode.DEMO : settings.mode(),
                endpoint, List.of(), null, null, null);
    }

    private void publish(SessionSnapshot next) {
        snapshot = next;
        for (Consumer<SessionSnapshot> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A session listener failed", e);
            }
        }
    }

    /** Closes the connection and stops the demo emulator. */
    @Override
    public void close() {
        closed = true;
        AccountConnection c = connection;
        if (c != null) {
            c.close();
        }
        DemoEmulator e = emulator;
        emulator = null;
        if (e != null) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.warn("Stopping the demo emulator failed", ex);
            }
        }
        listeners.clear();
        budgetListeners.clear();
    }
}
