package dev.flareobserver.app.session;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import dev.flareobserver.orchestration.monitor.WorkersService;
import java.util.Objects;
import java.util.Optional;

/**
 * The Workers monitors of the session's connection: one account monitor shared by the pages that
 * show the Workers table (only the visible one starts it), a Worker monitor per opened Worker, and
 * the Workers service for rollbacks. Nothing exists before the session is connected.
 */
public final class Monitoring implements AutoCloseable {

    private final AppSession session;
    private final MonitorOptions options;
    private AccountConnection monitoredConnection;
    private AccountMonitor account;
    private boolean closed;

    public Monitoring(AppSession session, MonitorOptions options) {
        this.session = Objects.requireNonNull(session);
        this.options = Objects.requireNonNull(options);
    }

    /** The account monitor, once connected; the same one for as long as the connection lasts. */
    public synchronized Optional<AccountMonitor> account() {
        Optional<AccountConnection> c = session.connection();
        if (closed || c.isEmpty()) {
            return Optional.empty();
        }
        if (account == null || monitoredConnection != c.get()) {
            if (account != null) {
                account.close();
            }
            account = new AccountMonitor(c.get(), options);
            monitoredConnection = c.get();
        }
        return Optional.of(account);
    }

    /** A new monitor for one Worker; the caller closes it when the Worker page is left. */
    public synchronized Optional<WorkerMonitor> worker(String scriptName) {
        if (closed) {
            return Optional.empty();
        }
        return session.connection().map(c -> new WorkerMonitor(c, scriptName, options));
    }

    public Optional<WorkersService> workersService() {
        return session.connection().map(WorkersService::new);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (account != null) {
            account.close();
            account = null;
        }
    }
}
