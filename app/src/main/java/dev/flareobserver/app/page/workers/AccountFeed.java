package dev.flareobserver.app.page.workers;

import dev.flareobserver.app.shell.LatestValueDispatcher;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Connects a page's view model to the account monitor while the page is visible: on show it listens
 * and starts polling, on hide it stops. Snapshots reach the view model on the UI thread, at most one
 * hand-over per batch of snapshots. Called on the UI thread only.
 */
public final class AccountFeed {

    private final Supplier<Optional<AccountMonitor>> monitors;
    private final Consumer<AccountSnapshot> listener;
    private AccountMonitor attached;
    private boolean shown;
    private TimeWindow window;

    public AccountFeed(Supplier<Optional<AccountMonitor>> monitors, Executor uiExecutor,
                       Consumer<AccountSnapshot> apply) {
        this.monitors = Objects.requireNonNull(monitors);
        this.listener = new LatestValueDispatcher<>(uiExecutor, apply);
    }

    /** A feed that never has a monitor: for view-model tests and for pages shown before connecting. */
    public static AccountFeed none(Consumer<AccountSnapshot> apply) {
        return new AccountFeed(Optional::empty, Runnable::run, apply);
    }

    public void show() {
        shown = true;
        attach();
    }

    public void hide() {
        shown = false;
        if (attached != null) {
            attached.removeListener(listener);
            attached.stop();
            attached = null;
        }
    }

    /** The session changed (connected, reconnected): a visible page starts following the monitor now. */
    public void sessionChanged() {
        if (shown) {
            attach();
        }
    }

    /** The load-chart window; kept for a monitor that only appears later. */
    public void setWindow(TimeWindow w) {
        window = w;
        if (attached != null) {
            attached.setWindow(w);
        }
    }

    public void refreshNow() {
        if (attached != null) {
            attached.refreshNow();
        }
    }

    public boolean isAttached() {
        return attached != null;
    }

    private void attach() {
        Optional<AccountMonitor> found = monitors.get();
        if (found.isEmpty() || found.get() == attached) {
            return;
        }
        if (attached != null) {
            attached.removeListener(listener);
            attached.stop();
        }
        AccountMonitor m = found.get();
        attached = m;
        m.addListener(listener);
        if (window != null && m.snapshot().window() != window) {
            m.setWindow(window);
        }
        // What the monitor already knows shows at once; the refresh that start() runs follows.
        listener.accept(m.snapshot());
        m.start();
    }
}
