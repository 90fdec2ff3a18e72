package dev.flareobserver.app.shell;

import dev.flareobserver.app.page.resources.AuditTrailDialog;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.resources.AuditTrail;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ToggleButton;
import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Popover;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.PageRegistry;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.connection.ConnectionProblem;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.orchestration.task.TaskSnapshot;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds the main window (sidebar, header with the account switcher, banners, page host, status bar,
 * command palette) and binds it to the {@link ShellViewModel}. Only binds and calls commands.
 */
public final class ShellView {

    private final ShellViewModel vm;
    private final CommandPaletteViewModel paletteVm;
    private final PageRegistry pages;
    private final Map<PageId, ToggleButton> navButtons = new EnumMap<>(PageId.class);
    private final StackPane pageHost = new StackPane();
    private final ModalPane modal = new ModalPane();
    private Page shown;
    private final WriteLockModel writeLock;
    private final AuditTrail audit;
    private final FileDialogs files;

    public ShellView(ShellViewModel vm, CommandPaletteViewModel paletteVm, PageRegistry pages,
                     WriteLockModel writeLock, AuditTrail audit, FileDialogs files) {
        this.vm = vm;
        this.paletteVm = paletteVm;
        this.pages = pages;
        this.writeLock = writeLock;
        this.audit = audit;
        this.files = files;
    }

    public Parent build() {
        pageHost.getStyleClass().add("page-host");
        VBox.setVgrow(pageHost, Priority.ALWAYS);

        VBox center = new VBox(header(), busyBar(), demoBanner(), problemBanner(), pageHost);
        center.getStyleClass().add("shell-center");

        BorderPane layout = new BorderPane();
        layout.setLeft(sidebar());
        layout.setCenter(center);
        layout.setBottom(statusBar());

        modal.setId("modal-pane");
        StackPane root = new StackPane(layout, modal);
        root.getStyleClass().add("shell");
        root.setId("shell-root");

        vm.currentPageProperty().addListener((obs, old, now) -> show(now));
        // The first frame shows the shell with a light loading state; the page itself (charts, tables)
        // is built by showFirstPage() right after that frame, so it does not delay it.
        Label loading = new Label("Loading…");
        loading.getStyleClass().add(Styles.TEXT_MUTED);
        pageHost.getChildren().setAll(loading);
        bindPalette();
        return root;
    }

    /** Builds and shows the current page; called once, after the first frame. */
    public void showFirstPage() {
        show(vm.currentPageProperty().get());
    }

    /** Ctrl+1..9 for the pages, Ctrl+K for the palette (Cmd on macOS). */
    public void installShortcuts(Scene scene) {
        for (PageId page : PageId.values()) {
            int digit = page.shortcutDigit();
            KeyCode code = KeyCode.valueOf("DIGIT" + digit);
            KeyCode numpad = KeyCode.valueOf("NUMPAD" + digit);
            scene.getAccelerators().put(new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN),
                    () -> vm.navigateByShortcut(digit));
            scene.getAccelerators().put(new KeyCodeCombination(numpad, KeyCombination.SHORTCUT_DOWN),
                    () -> vm.navigateByShortcut(digit));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), paletteVm::show);
    }

    // --- sidebar ---------------------------------------------------------------------------------

    private Node sidebar() {
        FontIcon logo = new FontIcon(Feather.ZAP);
        logo.getStyleClass().add("brand-icon");
        Label brand = new Label("Flare Observer", logo);
        brand.getStyleClass().add("brand");

        VBox nav = new VBox(2);
        nav.getStyleClass().add("nav");
        ToggleGroup group = new ToggleGroup();
        for (PageId page : pages.pages()) {
            ToggleButton item = new ToggleButton(page.title(), new FontIcon(page.icon()));
            item.setId(page.navId());
            item.setToggleGroup(group);
            item.getStyleClass().add("nav-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setTooltip(new Tooltip(page.title() + "  (Ctrl+" + page.shortcutDigit() + ")"));
            item.setOnAction(e -> {
                // A toggle button deselects itself on a second click; the page stays shown, so keep it selected.
                item.setSelected(true);
                vm.navigate(page);
            });
            navButtons.put(page, item);
            nav.getChildren().add(item);
            if (page == PageId.PROVISIONING) {
                nav.getChildren().add(new Spacer(javafx.geometry.Orientation.VERTICAL));
            }
        }
        VBox.setVgrow(nav, Priority.ALWAYS);

        Label shortcutHint = new Label("Ctrl+K  jump to…");
        shortcutHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "sidebar-hint");

        VBox sidebar = new VBox(brand, nav, shortcutHint);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setId("sidebar");
        return sidebar;
    }

    private void show(PageId id) {
        Page next = pages.get(id);
        if (next == shown) {
            return;
        }
        if (shown != null) {
            shown.onHide();
        }
        shown = next;
        pageHost.getChildren().setAll(next.view());
        ToggleButton button = navButtons.get(id);
        if (button != null) {
            button.setSelected(true);
        }
        next.onShow();
    }

    // --- header and banners --------------------------------------------------------------------------

    private Node header() {
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.currentPageProperty().get().title(),
                vm.currentPageProperty()));
        title.getStyleClass().addAll(Styles.TITLE_3, "header-title");
        title.setId("header-title");

        ComboBox<AccountSummary> accounts = new ComboBox<>(vm.accounts());
        accounts.setId("account-switcher");
        accounts.getStyleClass().add("account-switcher");
        accounts.setPrefWidth(260);
        accounts.setConverter(new StringConverter<>() {
            @Override
            public String toString(AccountSummary a) {
                return a == null ? "" : a.label();
            }

            @Override
            public AccountSummary fromString(String s) {
                return null;
            }
        });
        accounts.setCellFactory(list -> new AccountCell());
        accounts.promptTextProperty().bind(Bindings.createStringBinding(
                () -> vm.connectionStateProperty().get() == ConnectionState.CONNECTED ? "No account"
                        : vm.busyProperty().get() ? "Connecting…" : "Not connected",
                vm.connectionStateProperty(), vm.busyProperty()));
        accounts.disableProperty().bind(Bindings.isEmpty(vm.accounts()));
        accounts.setValue(vm.currentAccountProperty().get());
        vm.currentAccountProperty().addListener((obs, old, now) -> accounts.setValue(now));
        accounts.setOnAction(e -> vm.selectAccount(accounts.getValue()));
        accounts.setTooltip(new Tooltip("Switch account"));

        FontIcon accountIcon = new FontIcon(Feather.USERS);
        accountIcon.getStyleClass().add(Styles.TEXT_MUTED);

        Button search = new Button("Jump to…", new FontIcon(Feather.SEARCH));
        search.setId("open-command-palette");
        search.getStyleClass().add("palette-button");
        search.setTooltip(new Tooltip("Command palette (Ctrl+K)"));
        search.setOnAction(e -> paletteVm.show());

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(vm.themeProperty().get() == Theme.DARK ? Feather.SUN : Feather.MOON),
                vm.themeProperty()));
        theme.setTooltip(new Tooltip("Switch between light and dark theme"));
        theme.setOnAction(e -> vm.toggleTheme());

        HBox header = new HBox(10, title, new Spacer(), accountIcon, accounts, search, theme);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private Node busyBar() {
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().addAll(Styles.SMALL, "busy-bar");
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private Node demoBanner() {
        FontIcon icon = new FontIcon(Feather.INFO);
        icon.getStyleClass().add("banner-icon");
        Label text = new Label(ShellViewModel.DEMO_TEXT);
        text.getStyleClass().addAll(Styles.TEXT_BOLD);
        text.setWrapText(true);
        Label hint = new Label(ShellViewModel.DEMO_HINT);
        hint.setWrapText(true);
        hint.getStyleClass().add("banner-hint");
        VBox texts = new VBox(2, text, hint);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox banner = new HBox(12, icon, texts);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().addAll("banner", "demo-banner");
        banner.setId("demo-banner");
        banner.visibleProperty().bind(vm.demoProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node problemBanner() {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("banner-icon");
        Label title = new Label();
        title.setId("connection-problem-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        Label message = new Label();
        message.setId("connection-problem-message");
        message.setWrapText(true);
        VBox texts = new VBox(2, title, message);
        HBox.setHgrow(texts, Priority.ALWAYS);

        Button detailsToggle = new Button("Details");
        detailsToggle.setId("connection-problem-details-toggle");
        detailsToggle.getStyleClass().add(Styles.SMALL);
        javafx.beans.property.BooleanProperty detailsShown = new javafx.beans.property.SimpleBooleanProperty();
        detailsToggle.textProperty().bind(Bindings.when(detailsShown).then("Hide details").otherwise("Details"));
        detailsToggle.setOnAction(e -> detailsShown.set(!detailsShown.get()));
        Button retry = new Button("Retry", new FontIcon(Feather.REFRESH_CW));
        retry.setId("connection-problem-retry");
        retry.getStyleClass().add(Styles.SMALL);
        retry.disableProperty().bind(vm.busyProperty());
        retry.setOnAction(e -> vm.retry());
        HBox actions = new HBox(8, detailsToggle, retry);
        actions.setAlignment(Pos.TOP_RIGHT);
        // The message wraps; the buttons keep their full labels.
        detailsToggle.setMinWidth(Region.USE_PREF_SIZE);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        actions.setMinWidth(Region.USE_PREF_SIZE);

        HBox top = new HBox(12, icon, texts, actions);
        top.setAlignment(Pos.TOP_LEFT);

        TextArea details = new TextArea();
        details.setId("connection-problem-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(5);
        details.getStyleClass().add("problem-details");
        details.visibleProperty().bind(detailsShown);
        details.managedProperty().bind(details.visibleProperty());

        VBox banner = new VBox(8, top, details);
        banner.getStyleClass().addAll("banner", "problem-banner");
        banner.setId("connection-problem");

        Runnable update = () -> {
            ConnectionProblem p = vm.problemProperty().get();
            banner.setVisible(p != null);
            banner.setManaged(p != null);
            title.setText(p == null ? "" : p.title());
            message.setText(p == null ? "" : p.message());
            details.setText(p == null ? "" : p.details());
            detailsToggle.setVisible(p != null && !p.details().isBlank());
            boolean failure = vm.problemIsFailureProperty().get();
            banner.getStyleClass().removeAll("failure", "warning");
            banner.getStyleClass().add(failure ? "failure" : "warning");
            retry.setVisible(failure);
            retry.setManaged(failure);
        };
        vm.problemProperty().addListener((obs, old, now) -> update.run());
        vm.problemIsFailureProperty().addListener((obs, old, now) -> update.run());
        update.run();
        return banner;
    }

    // --- status bar ------------------------------------------------------------------------------------

    private Node statusBar() {
        Circle dot = new Circle(4);
        dot.getStyleClass().add("status-dot");
        Runnable updateDot = () -> {
            dot.getStyleClass().removeAll("connected", "connecting", "failed", "disconnected");
            ConnectionState s = vm.connectionStateProperty().get();
            dot.getStyleClass().add(s == null ? "disconnected" : s.name().toLowerCase(java.util.Locale.ROOT));
        };
        vm.connectionStateProperty().addListener((obs, old, now) -> updateDot.run());
        updateDot.run();

        Label connection = new Label();
        connection.setId("status-connection");
        connection.setGraphic(dot);
        connection.textProperty().bind(Bindings.createStringBinding(() -> {
            String endpoint = vm.endpointTextProperty().get();
            return vm.connectionTextProperty().get() + (endpoint.isEmpty() ? "" : " · " + endpoint);
        }, vm.connectionTextProperty(), vm.endpointTextProperty()));

        Label demoBadge = new Label("DEMO");
        demoBadge.setId("status-demo");
        demoBadge.getStyleClass().add("demo-badge");
        demoBadge.setTooltip(new Tooltip("Connected to the local emulator, not to Cloudflare"));
        demoBadge.visibleProperty().bind(vm.demoProperty());
        demoBadge.managedProperty().bind(demoBadge.visibleProperty());

        Label budget = new Label();
        budget.setId("status-budget");
        budget.setGraphic(new FontIcon(Feather.ACTIVITY));
        budget.textProperty().bind(vm.budgetTextProperty());
        budget.setTooltip(new Tooltip("Requests left in Cloudflare's 5-minute rate-limit windows"));

        Button tasks = new Button();
        tasks.setId("status-tasks");
        tasks.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "status-tasks");
        tasks.setGraphic(new FontIcon(Feather.LIST));
        tasks.textProperty().bind(vm.taskTextProperty());
        tasks.setTooltip(new Tooltip("Running tasks"));
        Popover[] holder = new Popover[1];
        tasks.setOnAction(e -> {
            // Built on first use: nobody needs it for the first frame.
            if (holder[0] == null) {
                holder[0] = taskList();
            }
            Popover taskPopover = holder[0];
            if (taskPopover.isShowing()) {
                taskPopover.hide();
            } else {
                taskPopover.show(tasks);
            }
        });

        HBox bar = new HBox(14, connection, demoBadge, new Spacer(), writeLockButton(), auditButton(), separator(),
                budget, separator(), tasks);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setId("status-bar");
        return bar;
    }

    /** Read-only until the operator unlocks writes for the session; unlocking a real account asks first. */
    private Node writeLockButton() {
        // A flat button, not a toggle: a selected toggle is a loud filled block in the quiet status bar.
        Button lock = new Button();
        lock.setId("status-write-lock");
        lock.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "status-write-lock");
        Runnable show = () -> {
            boolean unlocked = writeLock.isUnlocked();
            lock.setText(unlocked ? "Writes unlocked" : "Read-only");
            lock.setGraphic(new FontIcon(unlocked ? Feather.UNLOCK : Feather.LOCK));
            // Unlocked is the state that can hurt a real account: it gets the warning colour.
            lock.getStyleClass().remove(Styles.WARNING);
            if (unlocked) {
                lock.getStyleClass().add(Styles.WARNING);
            }
            lock.setTooltip(new Tooltip(unlocked
                    ? "KV, R2 and D1 writes are allowed for this session. Click to make the session read-only."
                    : "KV, R2 and D1 writes are refused. Click to unlock writes for this session."));
        };
        writeLock.unlockedProperty().addListener((obs, old, now) -> show.run());
        lock.setOnAction(e -> {
            if (writeLock.isUnlocked()) {
                writeLock.lock();
            } else if (vm.demoProperty().get() || confirmUnlock(lock)) {
                writeLock.unlock();
            }
            show.run();
        });
        show.run();
        return lock;
    }

    private boolean confirmUnlock(Node owner) {
        AccountSummary account = vm.currentAccountProperty().get();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.getScene().getWindow());
        alert.setTitle("Unlock writes");
        alert.setHeaderText("Unlock writes on " + (account == null ? "this account" : account.name()) + "?");
        alert.setContentText("Until you lock them again or switch accounts, Flare Observer may create, change and "
                + "delete KV, R2 and D1 resources on this real Cloudflare account. Deletes still ask for the name.");
        alert.getDialogPane().setId("unlock-dialog");
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("unlock-confirm");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("unlock-cancel");
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private Node auditButton() {
        Button button = new Button("Audit", new FontIcon(Feather.CLIPBOARD));
        button.setId("status-audit");
        button.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        button.setTooltip(new Tooltip("Every write made from Flare Observer"));
        button.setOnAction(e -> AuditTrailDialog.show(button.getScene().getWindow(), audit, files,
                java.time.ZoneId.systemDefault()));
        return button;
    }

    private static Node separator() {
        Label sep = new Label("|");
        sep.getStyleClass().addAll(Styles.TEXT_MUTED, "status-separator");
        return sep;
    }

    private Popover taskList() {
        VBox rows = new VBox(10);
        rows.setId("task-list");
        rows.setPadding(new Insets(4));
        rows.setPrefWidth(340);
        Runnable fill = () -> {
            rows.getChildren().clear();
            if (vm.tasks().isEmpty()) {
                Label none = new Label("No running tasks.");
                none.getStyleClass().add(Styles.TEXT_MUTED);
                rows.getChildren().add(none);
            }
            for (TaskSnapshot t : vm.tasks()) {
                rows.getChildren().add(taskRow(t));
            }
        };
        vm.tasks().addListener((ListChangeListener<TaskSnapshot>) c -> fill.run());
        fill.run();
        Popover popover = new Popover(rows);
        popover.setTitle("Tasks");
        popover.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
        popover.setDetachable(false);
        return popover;
    }

    private Node taskRow(TaskSnapshot t) {
        Label title = new Label(t.title());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label message = new Label(t.message());
        message.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        message.setWrapText(true);
        ProgressBar progress = new ProgressBar(t.isIndeterminate() ? ProgressBar.INDETERMINATE_PROGRESS : t.progress());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add(Styles.SMALL);
        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        cancel.setTooltip(new Tooltip("Cancel"));
        cancel.setOnAction(e -> vm.cancelTask(t.id()));
        VBox texts = new VBox(4, title, message, progress);
        HBox.setHgrow(texts, Priority.ALWAYS);
        return new HBox(8, texts, cancel);
    }

    // --- command palette ---------------------------------------------------------------------------------

    private void bindPalette() {
        CommandPaletteView view = new CommandPaletteView(paletteVm);
        Node[] node = new Node[1];
        modal.setAlignment(Pos.TOP_CENTER);
        paletteVm.openProperty().addListener((obs, old, open) -> {
            if (open) {
                if (node[0] == null) {
                    node[0] = view.build();
                }
                modal.show(node[0]);
                view.focus();
            } else {
                modal.hide(true);
            }
        });
        // A click outside closes the modal pane by itself; keep the view model in step.
        modal.displayProperty().addListener((obs, old, shown) -> {
            if (!shown) {
                paletteVm.hide();
            }
        });
    }

    private static final class AccountCell extends ListCell<AccountSummary> {
        @Override
        protected void updateItem(AccountSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(item.label());
            Label id = new Label(item.id());
            id.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            setText(null);
            setGraphic(new VBox(1, name, id));
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
    }
}
