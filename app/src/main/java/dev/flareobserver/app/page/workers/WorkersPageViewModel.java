package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Workers page: the Workers table (its own sort and filter) and, once a Worker is opened, that
 * Worker's page in its place with a way back. What is visible polls: the account monitor for the list,
 * the Worker's own monitor for the detail.
 */
public final class WorkersPageViewModel {

    private final WorkersTableModel table = new WorkersTableModel();
    private final AccountFeed feed;
    private final Function<String, WorkerDetailViewModel> details;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<WorkerDetailViewModel> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PanelProblem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper freshness = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private boolean shown;
    private String lastAccountId;

    /**
     * @param monitors   the account monitor once connected
     * @param details    builds the page of one Worker (with its own monitor)
     */
    public WorkersPageViewModel(Supplier<Optional<AccountMonitor>> monitors, Executor uiExecutor,
                                Function<String, WorkerDetailViewModel> details, Clock clock) {
        this.details = Objects.requireNonNull(details);
        this.clock = Objects.requireNonNull(clock);
        this.feed = new AccountFeed(monitors, uiExecutor, this::applySnapshot);
        table.setOpener(this::open);
    }

    /** The Workers of one account snapshot; UI thread. */
    public void applySnapshot(AccountSnapshot s) {
        if (s.isLoaded()) {
            table.apply(s.workers(), s.fetchedAt());
        }
        boolean isStale = s.staleness().stale();
        stale.set(isStale);
        freshness.set(!s.isLoaded() ? "" : isStale
                ? WorkerFormats.stale(s.staleness().age(clock))
                : "updated " + WorkerFormats.ago(s.fetchedAt(), clock.instant()));
        problem.set(PanelProblem.of(s.problem(), s.staleness(), clock));
    }

    // --- commands ---------------------------------------------------------------------------------

    /** Opens one Worker's page in place of the list. */
    public void open(String scriptName) {
        WorkerDetailViewModel current = detail.get();
        if (current != null && current.scriptName().equals(scriptName)) {
            return;
        }
        if (current != null) {
            current.close();
        }
        WorkerDetailViewModel next = details.apply(scriptName);
        next.setOnBack(this::back);
        detail.set(next);
        if (shown) {
            feed.hide();
            next.start();
        }
    }

    /** Back to the list. */
    public void back() {
        WorkerDetailViewModel current = detail.get();
        if (current == null) {
            return;
        }
        current.close();
        detail.set(null);
        if (shown) {
            feed.show();
        }
    }

    public void onShow() {
        shown = true;
        WorkerDetailViewModel d = detail.get();
        if (d != null) {
            d.start();
        } else {
            feed.show();
        }
    }

    public void onHide() {
        shown = false;
        feed.hide();
        WorkerDetailViewModel d = detail.get();
        if (d != null) {
            d.stop();
        }
    }

    /**
     * The session changed: a visible list starts following the monitor once it exists; after a switch to
     * another account the list starts empty and an opened Worker (of the old account) is closed.
     */
    public void sessionChanged(String accountId) {
        boolean switched = lastAccountId != null && !lastAccountId.equals(accountId);
        lastAccountId = accountId;
        if (switched) {
            table.clear();
            back();
            feed.refreshNow();
        }
        if (detail.get() == null) {
            feed.sessionChanged();
        }
    }

    public void dispose() {
        onHide();
        WorkerDetailViewModel d = detail.get();
        if (d != null) {
            d.close();
        }
    }

    public WorkersTableModel table() { return table; }
    /** The opened Worker, or null while the list shows. */
    public ReadOnlyObjectProperty<WorkerDetailViewModel> detailProperty() { return detail.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PanelProblem> problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyStringProperty freshnessProperty() { return freshness.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
}
