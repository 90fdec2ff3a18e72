package dev.flareobserver.app.shell;

import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.session.AppSession;
import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import dev.flareobserver.orchestration.connection.ConnectionProblem;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.task.TaskRunner;
import dev.flareobserver.orchestration.task.TaskSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the main window: current page, connection, accounts, rate budget, tasks,
 * theme. Sees no control; listens to the session and the task runner on their threads and applies
 * what they say on the UI thread through {@code uiExecutor}, one hand-over per batch.
 */
public final class ShellViewModel {

    public static final String DEMO_TEXT =
            "Demo mode — connected to a local emulated Cloudflare account (no token set).";
    public static final String DEMO_HINT =
            "To use a real account, start Flare Observer with CLOUDFLARE_API_TOKEN (and optionally "
                    + "CLOUDFLARE_ACCOUNT_ID) set, as for wrangler.";

    private final AppSession session;
    private final TaskRunner taskRunner;
    private final SettingsModel settings;

    private final ReadOnlyObjectWrapper<PageId> currentPage = new ReadOnlyObjectWrapper<>(PageId.OVERVIEW);
    private final ReadOnlyObjectWrapper<SessionSnapshot> sessionSnapshot;
    private final ReadOnlyObjectWrapper<ConnectionState> connectionState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endpointText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ObservableList<AccountSummary> accounts = FXCollections.observableArrayList();
    private final ObservableList<AccountSummary> accountsView = FXCollections.unmodifiableObservableList(accounts);
    private final ReadOnlyObjectWrapper<AccountSummary> currentAccount = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionProblem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper problemIsFailure = new ReadOnlyBooleanWrapper();
    private final ObservableList<TaskSnapshot> tasks = FXCollections.observableArrayList();
    private final ObservableList<TaskSnapshot> tasksView = FXCollections.unmodifiableObservableList(tasks);
    private final ReadOnlyIntegerWrapper taskCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper taskText = new ReadOnlyStringWrapper(StatusTexts.tasks(0));
    private final ReadOnlyObjectWrapper<Theme> theme;

    public ShellViewModel(AppSession session, TaskRunner taskRunner, SettingsModel settings, Executor uiExecutor) {
        this.session = Objects.requireNonNull(session);
        this.taskRunner = Objects.requireNonNull(taskRunner);
        this.settings = Objects.requireNonNull(settings);
        this.theme = new ReadOnlyObjectWrapper<>(settings.get().theme());
        settings.settingsProperty().addListener((obs, old, now) -> theme.set(now.theme()));
        this.sessionSnapshot = new ReadOnlyObjectWrapper<>(session.snapshot());
        applySession(session.snapshot());
        applyBudget(session.budget());
        session.addListener(new LatestValueDispatcher<>(uiExecutor, this::applySession));
        session.addBudgetListener(new LatestValueDispatcher<>(uiExecutor, this::applyBudget));
        taskRunner.addListener(new LatestValueDispatcher<>(uiExecutor, this::applyTasks));
    }

    // --- commands -------------------------------------------------------------------------------

    public void navigate(PageId page) {
        currentPage.set(Objects.requireNonNull(page));
    }

    /** Ctrl+digit: 1 = Overview ... 9 = Settings; other digits do nothing. */
    public void navigateByShortcut(int digit) {
        PageId[] pages = PageId.values();
        if (digit >= 1 && digit <= pages.length) {
            navigate(pages[digit - 1]);
        }
    }

    public void selectAccount(AccountSummary account) {
        if (account != null && !account.equals(currentAccount.get())) {
            session.selectAccount(account.id());
        }
    }

    public void retry() {
        session.retry();
    }

    /** Cancels a running task of the task list. */
    public void cancelTask(long taskId) {
        taskRunner.running().stream().filter(t -> t.id() == taskId).forEach(t -> t.cancel());
    }

    public void toggleTheme() {
        settings.update(settings.get().withTheme(settings.get().theme().toggled()));
    }

    // --- state from the session, on the UI thread -------------------------------------------------

    void applySession(SessionSnapshot s) {
        sessionSnapshot.set(s);
        demo.set(s.demo());
        busy.set(s.busy());
        activity.set(s.activity() == null ? "" : s.activity());
        connectionState.set(s.connection().state());
        connectionText.set(StatusTexts.connection(s.connection(), s.activity()));
        endpointText.set(StatusTexts.host(s.connection().endpoint()));
        List<AccountSummary> listed = s.connection().accounts();
        if (!accounts.equals(listed)) {
            accounts.setAll(listed);
        }
        currentAccount.set(s.connection().current());
        problem.set(s.connection().problem());
        problemIsFailure.set(s.connection().state() == ConnectionState.FAILED);
    }

    void applyBudget(BudgetSnapshot b) {
        budgetText.set(StatusTexts.budget(b));
    }

    void applyTasks(List<TaskSnapshot> running) {
        tasks.setAll(running);
        taskCount.set(running.size());
        taskText.set(StatusTexts.tasks(running.size()));
    }

    // --- read-only state ----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<PageId> currentPageProperty() { return currentPage.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SessionSnapshot> sessionProperty() { return sessionSnapshot.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() { return connectionState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty connectionTextProperty() { return connectionText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty endpointTextProperty() { return endpointText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty budgetTextProperty() { return budgetText.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty demoProperty() { return demo.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty activityProperty() { return activity.getReadOnlyProperty(); }
    public ObservableList<AccountSummary> accounts() { return accountsView; }
    public ReadOnlyObjectProperty<AccountSummary> currentAccountProperty() { return currentAccount.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ConnectionProblem> problemProperty() { return problem.getReadOnlyProperty(); }
    /** True when the problem means "not connected"; false when it is a warning while connected. */
    public ReadOnlyBooleanProperty problemIsFailureProperty() { return problemIsFailure.getReadOnlyProperty(); }
    public ObservableList<TaskSnapshot> tasks() { return tasksView; }
    public ReadOnlyIntegerProperty taskCountProperty() { return taskCount.getReadOnlyProperty(); }
    public ReadOnlyStringProperty taskTextProperty() { return taskText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Theme> themeProperty() { return theme.getReadOnlyProperty(); }
}
