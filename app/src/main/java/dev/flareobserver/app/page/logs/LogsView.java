package dev.flareobserver.app.page.logs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.ViewUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Builds the Logs page and binds it to its {@link LogsViewModel}. Owns the page's one frame pulse (an
 * {@link AnimationTimer}): each frame it hands the view model the frame time, which applies at most one
 * batch to the rows, then keeps the list at the newest row (following) or where the user was (paused).
 * The pulse runs only while the page is shown.
 */
public final class LogsView {

    /** The client Worker / status filters' "everything" entry (a ComboBox cannot hold null well). */
    static final String ALL = "";
    /** At most 20 redraws a second of a followed stream. */
    static final long REDRAW_NANOS = 50_000_000L;

    private final LogsViewModel vm;
    private final ExportFileChooser chooser;
    private final AnimationTimer pulse;
    private LogListView list;
    private boolean pulsing;
    private boolean shown;
    private Node root;

    public LogsView(LogsViewModel vm, ExportFileChooser chooser) {
        this.vm = Objects.requireNonNull(vm);
        this.chooser = Objects.requireNonNull(chooser);
        this.pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        vm.pulseWantedProperty().addListener((obs, old, now) -> updatePulse());
    }

    public Node build() {
        if (root != null) {
            return root;
        }
        // The detail pane opens with the first selected entry: until then the rows get the whole width.
        Node detail = new EventDetailView(vm).build();
        SplitPane split = new SplitPane(listArea());
        split.setId("logs-split");
        split.setOrientation(Orientation.HORIZONTAL);
        split.getStyleClass().add("logs-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        SplitPane.setResizableWithParent(detail, false);
        double[] divider = {0.64};
        Runnable showDetail = () -> {
            boolean want = vm.selectedProperty().get() != null;
            boolean shown = split.getItems().contains(detail);
            if (want && !shown) {
                split.getItems().add(detail);
                split.setDividerPositions(divider[0]);
            } else if (!want && shown) {
                divider[0] = split.getDividerPositions()[0];
                split.getItems().remove(detail);
            }
        };
        vm.selectedProperty().addListener((obs, old, now) -> showDetail.run());
        showDetail.run();

        VBox box = new VBox(10, leftoverBanner(), toolbar(), serverFilters(), clientFilters(), split, footer());
        box.getStyleClass().addAll("page", "logs-page");
        box.setId(PageId.LOGS.pageId());
        root = box;
        return root;
    }

    // --- pulse -------------------------------------------------------------------------------------------

    /** The page is shown: frames run while the view model has work for them. */
    public void startPulse() {
        shown = true;
        updatePulse();
    }

    /** The page is hidden: no frames (the tails keep running). */
    public void stopPulse() {
        shown = false;
        updatePulse();
    }

    private void updatePulse() {
        boolean want = shown && vm.pulseWantedProperty().get();
        if (want && !pulsing) {
            pulsing = true;
            pulse.start();
        } else if (!want && pulsing) {
            pulsing = false;
            pulse.stop();
        }
        if (list != null) {
            list.setThrottled(pulsing);
        }
    }

    /**
     * One frame: the view model applies at most one batch; while paused, the rows on screen stay the same
     * entries whatever left the head. The list lays out the visible rows once, in the pulse's layout pass.
     */
    private void frame(long now) {
        LogRows rows = vm.rows();
        boolean paused = !vm.followingProperty().get();
        long anchor = -1;
        if (paused) {
            int first = list.firstVisibleIndex();
            if (first >= 0) {
                anchor = rows.get(first).seq();
            }
        }
        ViewUpdate u = vm.pulse(now);
        // Following a fast stream, the screenful is redrawn at most REDRAW_NANOS apart: every frame it would be
        // all new rows, which nobody reads and which costs the most to paint. Paused, changes show at once.
        list.refreshIfDue(now, paused ? 0 : REDRAW_NANOS);
        if (u != null && paused) {
            if (u.reset()) {
                // The filter changed: keep the entry the user was reading at the top (or the next one left).
                if (anchor >= 0 && !rows.isEmpty()) {
                    list.scrollToIndex(rows.indexOfSeq(anchor));
                }
            } else {
                // Rows left the head: the rows on screen stay the same entries.
                list.shiftForRemovedHead(u.removedFromHead());
            }
        }
    }

    // --- leftovers -------------------------------------------------------------------------------------------

    private Node leftoverBanner() {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("banner-icon");
        Label text = new Label();
        text.setId("logs-leftovers-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.leftoverTextProperty().map(t -> t.isEmpty() ? ""
                : t + " They were created by Flare Observer and were not deleted (the app was stopped abruptly)."));
        HBox.setHgrow(text, Priority.ALWAYS);
        Button clean = new Button("Clean up", new FontIcon(Feather.TRASH_2));
        clean.setId("logs-leftovers-clean");
        clean.getStyleClass().add(Styles.SMALL);
        clean.setMinWidth(Region.USE_PREF_SIZE);
        clean.disableProperty().bind(vm.cleaningUpProperty());
        clean.setOnAction(e -> vm.cleanUpLeftovers());
        Button dismiss = new Button("Not now");
        dismiss.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> vm.dismissLeftovers());
        HBox banner = new HBox(12, icon, text, clean, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setId("logs-leftovers");
        banner.getStyleClass().add("panel-problem");
        banner.visibleProperty().bind(vm.leftoverTextProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    // --- toolbar: Workers, start / stop, health, server filters, export ----------------------------------------

    private Node toolbar() {
        Button picker = new Button();
        picker.setId("logs-workers");
        picker.setGraphic(new FontIcon(Feather.CPU));
        picker.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
        picker.textProperty().bind(vm.pickerTextProperty().map(t -> t + "  ▾"));
        picker.setTooltip(new Tooltip("Choose the Workers to tail"));
        picker.setMaxWidth(340);
        picker.setMinWidth(Region.USE_PREF_SIZE);
        Popover[] popover = new Popover[1];
        picker.setOnAction(e -> {
            if (popover[0] == null) {
                popover[0] = pickerPopover();
            }
            if (popover[0].isShowing()) {
                popover[0].hide();
            } else {
                popover[0].show(picker);
            }
        });

        Button start = new Button("Start", new FontIcon(Feather.PLAY));
        start.setId("logs-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setTooltip(new Tooltip("Tail the chosen Workers' live logs"));
        start.disableProperty().bind(vm.canStartProperty().not());
        start.visibleProperty().bind(vm.runningProperty().not());
        start.managedProperty().bind(start.visibleProperty());
        start.setOnAction(e -> vm.start());
        start.setMinWidth(Region.USE_PREF_SIZE);

        Button stop = new Button("Stop", new FontIcon(Feather.SQUARE));
        stop.setId("logs-stop");
        stop.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        stop.setTooltip(new Tooltip("Stop tailing: the tails are deleted on the account; the events stay here"));
        stop.visibleProperty().bind(vm.runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setOnAction(e -> vm.stopTailing());
        stop.setMinWidth(Region.USE_PREF_SIZE);

        FlowPane chips = new FlowPane(6, 4);
        chips.setId("logs-health");
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setMinWidth(0);
        HBox.setHgrow(chips, Priority.ALWAYS);
        ListChangeListener<HealthChip> fill = c -> chips.getChildren().setAll(vm.health().stream().map(h -> {
            Label chip = new Label(h.text());
            chip.getStyleClass().addAll("tail-chip", h.styleClass());
            chip.setTooltip(new Tooltip(h.tooltip()));
            chip.setMinWidth(Region.USE_PREF_SIZE);
            return (Node) chip;
        }).toList());
        vm.health().addListener(fill);
        // A "Tail" elsewhere in the app may have started tails before this page was first built.
        fill.onChanged(null);

        ToggleButton serverToggle = new ToggleButton("Server filters", new FontIcon(Feather.FILTER));
        serverToggle.setId("logs-server-filters-toggle");
        serverToggle.setMinWidth(Region.USE_PREF_SIZE);
        serverToggle.setTooltip(new Tooltip("Filters Cloudflare applies before sending events (as wrangler tail's flags)"));
        serverToggle.textProperty().bind(vm.serverFilterSummaryProperty().map(s -> s.isEmpty() ? "Server filters"
                : "Server filters (on)"));
        serverPanelShown = serverToggle.selectedProperty();
        // An invalid value keeps the panel open so its message stays in view.
        vm.serverFilterErrorProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                serverToggle.setSelected(true);
            }
        });

        MenuButton export = new MenuButton("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("logs-export");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.setTooltip(new Tooltip("Save what the list shows now (the filters applied)"));
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem item = new MenuItem(f.label() + "…");
            item.setId("logs-export-" + f.extension());
            item.setOnAction(e -> export(f));
            export.getItems().add(item);
        }
        export.disableProperty().bind(Bindings.isEmpty(vm.rows()));

        HBox bar = new HBox(10, picker, start, stop, chips, serverToggle, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("logs-toolbar");
        return bar;
    }

    private javafx.beans.property.BooleanProperty serverPanelShown;

    /** Asks where (the injectable chooser) and lets the view model write it. */
    void export(ExportFormat format) {
        javafx.stage.Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        chooser.choose(format, vm.suggestedFileName(format, Instant.now()), owner)
                .ifPresent(path -> vm.export(path, format));
    }

    private Popover pickerPopover() {
        CustomTextField search = new CustomTextField();
        search.setId("logs-workers-search");
        search.setPromptText("Find a Worker");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.textProperty().bindBidirectional(vm.pickerFilterProperty());

        Button all = new Button("All / none");
        all.setId("logs-workers-all");
        all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        all.setTooltip(new Tooltip("Check every Worker listed (or uncheck them all)"));
        all.setOnAction(e -> vm.toggleAll());
        HBox top = new HBox(8, search, all);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);

        ListView<WorkerChoice> choices = new ListView<>(vm.shownChoices());
        choices.setId("logs-workers-list");
        choices.getStyleClass().addAll(Styles.DENSE, "worker-choices");
        choices.setFixedCellSize(28);
        choices.setPrefSize(300, 300);
        choices.setCellFactory(CheckBoxListCell.forListView(WorkerChoice::selectedProperty, new StringConverter<>() {
            @Override
            public String toString(WorkerChoice c) {
                return c == null ? "" : c.name();
            }

            @Override
            public WorkerChoice fromString(String s) {
                return null;
            }
        }));
        Label none = new Label();
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.textProperty().bind(Bindings.createStringBinding(() -> !vm.connectedProperty().get()
                ? "Not connected yet." : vm.choices().isEmpty() ? "Loading the account's Workers…"
                : "No Worker matches.", vm.connectedProperty(), vm.choices()));
        choices.setPlaceholder(none);

        Button go = new Button();
        go.setId("logs-workers-apply");
        go.getStyleClass().add(Styles.ACCENT);
        go.setMaxWidth(Double.MAX_VALUE);
        go.textProperty().bind(vm.pickerActionProperty());
        go.disableProperty().bind(vm.connectedProperty().not());
        VBox content = new VBox(8, top, choices, go);
        content.setId("logs-workers-picker");
        content.setPrefWidth(320);

        Popover popover = new Popover(content);
        popover.setTitle("Workers to tail");
        popover.setArrowLocation(Popover.ArrowLocation.TOP_LEFT);
        popover.setDetachable(false);
        go.setOnAction(e -> {
            vm.start();
            popover.hide();
        });
        return popover;
    }

    // --- server filters -------------------------------------------------------------------------------------

    private Node serverFilters() {
        ServerFilterForm f = vm.serverForm();
        ToggleButton ok = statusToggle("ok", f.statusOkProperty(), "Only successful invocations");
        ToggleButton error = statusToggle("error", f.statusErrorProperty(),
                "Exceptions, exceeded CPU or memory, unknown failures");
        ToggleButton canceled = statusToggle("canceled", f.statusCanceledProperty(), "Canceled requests");
        HBox status = new HBox(0, ok, error, canceled);
        status.getStyleClass().add("status-toggles");

        TextField method = field("logs-sf-method", "GET, POST", 110, f.methodsProperty());
        TextField header = field("logs-sf-header", "name:value", 150, f.headerProperty());
        TextField ip = field("logs-sf-ip", "1.2.3.4 or self", 130, f.clientIpsProperty());
        TextField search = field("logs-sf-search", "text in console.log", 150, f.searchProperty());
        TextField sampling = field("logs-sf-sampling", "0.1", 60, f.samplingRateProperty());
        TextField version = field("logs-sf-version", "version id (UUID)", 200, f.versionIdProperty());

        Button apply = new Button("Apply", new FontIcon(Feather.CHECK));
        apply.setId("logs-sf-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setDefaultButton(false);
        apply.setOnAction(e -> vm.applyServerFilters());
        Button clear = new Button("Clear");
        clear.setId("logs-sf-clear");
        clear.setOnAction(e -> vm.clearServerFilters());
        for (TextField t : List.of(method, header, ip, search, sampling, version)) {
            t.setOnAction(e -> vm.applyServerFilters());
        }

        FlowPane fields = new FlowPane(14, 8,
                labelled("Status", status), labelled("Method", method), labelled("Header", header),
                labelled("Client IP", ip), labelled("Search", search), labelled("Sampling", sampling),
                labelled("Version", version), new HBox(8, apply, clear));
        fields.setAlignment(Pos.CENTER_LEFT);

        Label hint = new Label("Cloudflare applies these before sending events; applying them re-creates the tails.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label error2 = new Label();
        error2.setId("logs-sf-error");
        error2.setWrapText(true);
        error2.getStyleClass().addAll(Styles.DANGER, "filter-error");
        error2.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error2.textProperty().bind(vm.serverFilterErrorProperty());
        error2.visibleProperty().bind(vm.serverFilterErrorProperty().isNotEmpty());
        error2.managedProperty().bind(error2.visibleProperty());

        VBox panel = new VBox(8, fields, error2, hint);
        panel.setId("logs-server-filters");
        panel.getStyleClass().addAll("summary-card", "server-filters");
        panel.visibleProperty().bind(serverPanelShown);
        panel.managedProperty().bind(panel.visibleProperty());
        return panel;
    }

    private static ToggleButton statusToggle(String text, javafx.beans.property.BooleanProperty value, String help) {
        ToggleButton t = new ToggleButton(text);
        t.setId("logs-sf-status-" + text);
        t.selectedProperty().bindBidirectional(value);
        t.setTooltip(new Tooltip(help));
        t.getStyleClass().add(Styles.SMALL);
        return t;
    }

    private static TextField field(String id, String prompt, double width, javafx.beans.property.StringProperty value) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.setPrefWidth(width);
        t.getStyleClass().add(Styles.SMALL);
        t.textProperty().bindBidirectional(value);
        return t;
    }

    private static Node labelled(String text, Node field) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        l.setLabelFor(field);
        HBox box = new HBox(6, l, field);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    // --- client filters ---------------------------------------------------------------------------------------

    private Node clientFilters() {
        CustomTextField search = new CustomTextField();
        search.setId("logs-search");
        search.setPromptText("Search the entries (URL, log lines, JSON)");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefWidth(320);
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        HBox.setHgrow(search, Priority.SOMETIMES);

        ToggleButton regex = new ToggleButton(".*");
        regex.setId("logs-regex");
        regex.getStyleClass().add("regex-toggle");
        regex.setTooltip(new Tooltip("Treat the search as a regular expression"));
        regex.selectedProperty().bindBidirectional(vm.regexProperty());

        ComboBox<LogLevel> level = new ComboBox<>(FXCollections.observableArrayList(LogLevel.values()));
        level.setId("logs-level");
        level.setTooltip(new Tooltip("Hide events whose most severe log line is below this level"));
        level.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogLevel l) {
                if (l == null) {
                    return "";
                }
                return switch (l) {
                    case NONE -> "Any level";
                    case ERROR -> "error only";
                    default -> l.name().toLowerCase(java.util.Locale.ROOT) + " and above";
                };
            }

            @Override
            public LogLevel fromString(String s) {
                return null;
            }
        });
        level.valueProperty().bindBidirectional(vm.minLevelProperty());

        ObservableList<String> workerItems = FXCollections.observableArrayList(ALL);
        Runnable fillWorkers = () -> {
            List<String> items = new ArrayList<>();
            items.add(ALL);
            items.addAll(vm.tailedWorkers());
            workerItems.setAll(items);
        };
        vm.tailedWorkers().addListener((ListChangeListener<String>) c -> fillWorkers.run());
        fillWorkers.run();
        ComboBox<String> worker = choiceBox("logs-worker-filter", workerItems, "All Workers",
                "Show one Worker of the merged stream", vm.workerFilterProperty());

        ComboBox<String> status = choiceBox("logs-status-filter",
                FXCollections.observableArrayList(ALL, "ok", "error", "canceled"), "Any outcome",
                "ok, error (exception, exceeded CPU or memory…) or canceled", vm.statusFilterProperty());

        Label error = new Label();
        error.setId("logs-filter-error");
        error.getStyleClass().addAll(Styles.DANGER, "filter-error");
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.textProperty().bind(vm.clientFilterErrorProperty());
        error.visibleProperty().bind(vm.clientFilterErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);

        HBox bar = new HBox(8, search, regex, level, worker, status, error);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("logs-client-filters");
        return bar;
    }

    private static ComboBox<String> choiceBox(String id, ObservableList<String> items, String allText, String help,
                                              javafx.beans.property.ObjectProperty<String> value) {
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setTooltip(new Tooltip(help));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.equals(ALL) ? allText : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        box.setValue(value.get() == null ? ALL : value.get());
        box.valueProperty().addListener((obs, old, now) -> {
            String v = now == null || now.equals(ALL) ? null : now;
            if (!Objects.equals(value.get(), v)) {
                value.set(v);
            }
        });
        value.addListener((obs, old, now) -> {
            String v = now == null ? ALL : now;
            if (!Objects.equals(box.getValue(), v)) {
                box.setValue(v);
            }
        });
        return box;
    }

    // --- the list ------------------------------------------------------------------------------------------

    private Node listArea() {
        FontIcon icon = new FontIcon(Feather.TERMINAL);
        icon.getStyleClass().add("empty-icon");
        Label empty = new Label();
        empty.setId("logs-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("empty-text");
        empty.textProperty().bind(vm.emptyTextProperty());
        VBox placeholder = new VBox(10, icon, empty);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setPrefWidth(460);

        LogListView l = new LogListView(vm.rows(), vm.zone(), vm::workerColour, placeholder);
        l.setId("logs-list");
        list = l;
        l.setFollowing(vm.followingProperty().get());
        vm.followingProperty().addListener((obs, old, now) -> l.setFollowing(now));
        // While the pulse runs, it decides when the rows are redrawn; otherwise (a stopped session) at once.
        l.setThrottled(pulsing);
        // Reading something stops the scrolling: a wheel up, a drag of the bar, a click on a row, the keys
        // that move up; scrolling back down to the newest row (or End) follows again.
        l.setOnUserScrolledAway(vm::pause);
        l.setOnUserReachedEnd(vm::follow);
        l.setOnSelect(vm::select);
        vm.selectedProperty().addListener((obs, old, now) -> l.select(now));

        Button newEvents = new Button();
        newEvents.setId("logs-new-events");
        newEvents.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        newEvents.getStyleClass().addAll(Styles.ACCENT, Styles.ROUNDED, "new-events");
        newEvents.textProperty().bind(vm.newEventsTextProperty());
        newEvents.visibleProperty().bind(vm.newEventsTextProperty().isNotEmpty()
                .and(vm.followingProperty().not()));
        newEvents.setOnAction(e -> vm.follow());
        StackPane.setAlignment(newEvents, Pos.BOTTOM_CENTER);
        StackPane stack = new StackPane(l, newEvents);
        stack.getStyleClass().add("logs-list-stack");
        VBox.setVgrow(stack, Priority.ALWAYS);

        VBox area = new VBox(0, header(), stack);
        area.getStyleClass().add("logs-list-area");
        area.setMinWidth(320);
        return area;
    }

    /** Column titles at the rows' column positions. */
    private static Node header() {
        double[] x = LogRowCell.columns();
        String[] titles = {"Time", "Worker", "Outcome", "Method", "Status", "Path", "Log line"};
        javafx.scene.layout.Pane h = new javafx.scene.layout.Pane();
        for (int i = 0; i < titles.length; i++) {
            Label l = new Label(titles[i]);
            l.setLayoutX(x[i]);
            l.setLayoutY(5);
            h.getChildren().add(l);
        }
        h.getStyleClass().add("logs-header");
        h.setMinWidth(0);
        h.setPrefHeight(26);
        h.setMinHeight(26);
        return h;
    }

    // --- footer: counters, messages, follow ---------------------------------------------------------------------

    private Node footer() {
        Label counters = new Label();
        counters.setId("logs-counters");
        counters.getStyleClass().add("logs-counters");
        counters.textProperty().bind(vm.countersTextProperty());
        counters.setTooltip(new Tooltip("events/s: received per second over the last seconds\n"
                + "buffered: entries held (the newest 100,000)\n"
                + "dropped: the oldest entries let go because the buffer was full\n"
                + "sampled: times Cloudflare said it was sampling (some events never arrived)\n"
                + "filtered: entries your search and filters hide\n"
                + "gaps: times the stream lost continuity (reconnect, renewal)"));
        vm.countersLossyProperty().addListener((obs, old, now) -> {
            counters.getStyleClass().remove("lossy");
            if (now) {
                counters.getStyleClass().add("lossy");
            }
        });

        Label message = new Label();
        message.setId("logs-message");
        message.getStyleClass().add("logs-message");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        vm.messageIsErrorProperty().addListener((obs, old, now) -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (now) {
                message.getStyleClass().add(Styles.DANGER);
            }
        });
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        Button clear = new Button("Clear", new FontIcon(Feather.X_CIRCLE));
        clear.setId("logs-clear");
        clear.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        clear.setTooltip(new Tooltip("Empty the list"));
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.disableProperty().bind(Bindings.isEmpty(vm.rows()));
        clear.setOnAction(e -> vm.clearRows());

        ToggleButton follow = new ToggleButton("Follow", new FontIcon(Feather.ARROW_DOWN_CIRCLE));
        follow.setId("logs-follow");
        follow.getStyleClass().add(Styles.SMALL);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        follow.setTooltip(new Tooltip("On: the newest entry stays in view (End). Scrolling up or picking an entry "
                + "pauses; events keep arriving."));
        follow.setSelected(vm.followingProperty().get());
        vm.followingProperty().addListener((obs, old, now) -> follow.setSelected(now));
        follow.setOnAction(e -> {
            vm.toggleFollow();
            follow.setSelected(vm.followingProperty().get());
        });

        HBox bar = new HBox(12, counters, message, clear, follow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("logs-footer");
        return bar;
    }
}
