package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.orchestration.connection.AccountConnection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every monitor shares: a polling loop that runs only between {@link #start()} and {@link #stop()}
 * and skips overlapping refreshes, a chart window, the latest snapshot and its listeners (called on the
 * monitor's thread). Subclasses only say how one refresh is done.
 */
public abstract class PollingMonitor<S extends MonitorSnapshot<S>> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollingMonitor.class);

    private final AccountConnection connection;
    private final PollingLoop loop;
    private final List<Consumer<S>> listeners = new CopyOnWriteArrayList<>();
    private volatile TimeWindow window;
    private volatile S snapshot;

    protected PollingMonitor(String threadName, AccountConnection connection, MonitorOptions options, TimeWindow window,
                   S empty) {
        this.connection = Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(options, "options");
        this.window = window;
        this.snapshot = empty;
        this.loop = new PollingLoop(threadName, options, connection::rateBudget, this::refresh);
    }

    /** One refresh; {@code forced} when asked for with {@link #refreshNow()}. Publishes its snapshot. */
    protected abstract PollingLoop.Outcome refresh(boolean forced);

    /** The charts' window; refreshes at once if the monitor runs. */
    public void setWindow(TimeWindow w) {
        Objects.requireNonNull(w, "window");
        if (w == window) {
            return;
        }
        window = w;
        if (loop.isStarted()) {
            loop.refreshSoon();
        }
    }

    public TimeWindow window() {
        return window;
    }

    public void start() {
        loop.start();
    }

    public void stop() {
        loop.stop();
    }

    /** Refreshes now, lists included; skipped if a refresh is running. */
    public void refreshNow() {
        loop.refreshNow();
    }

    public S snapshot() {
        return snapshot;
    }

    public void addListener(Consumer<S> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<S> listener) {
        listeners.remove(listener);
    }

    /** Refreshes skipped because one was still running (for tests and diagnostics). */
    public long skippedRefreshes() {
        return loop.skippedCount();
    }

    @Override
    public void close() {
        loop.close();
        listeners.clear();
    }

    /**
     * Why a refresh cannot send its query now (no connected account, or the GraphQL budget is spent),
     * published as a failure; null when it can go ahead. {@code connected}: the client and account the
     * refresh read are both there (read once by the caller, so they cannot vanish in between).
     */
    protected final PollingLoop.Outcome cannotQuery(boolean connected, String panel, String query) {
        if (!connected) {
            fail(new MonitorProblem(panel, query, panel + ": not connected to an account.", null), "not connected");
            return PollingLoop.Outcome.FAILURE;
        }
        dev.flareobserver.orchestration.connection.BudgetSnapshot budget = connection.rateBudget();
        if (budget.graphqlRemaining() <= 0) {
            fail(new MonitorProblem(panel, query, panel + ": the GraphQL rate budget is spent; next refresh after "
                    + budget.graphqlResetAt() + ".", null), "rate budget spent");
            return PollingLoop.Outcome.BUDGET_SPENT;
        }
        return null;
    }

    /** Keeps the last good data, marked stale since its last success, with the problem that stopped this refresh. */
    protected final void fail(MonitorProblem problem, String reason) {
        S last = snapshot;
        publish(last.withFailure(new Staleness(true, last.staleness().lastSuccess(), reason), problem));
    }

    protected final void publish(S next) {
        snapshot = next;
        for (Consumer<S> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A monitor listener failed", e);
            }
        }
    }
}
