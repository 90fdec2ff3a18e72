package dev.flareobserver.app.page.d1;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.TypedConfirmDialog;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.resources.d1.D1Table;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The D1 page's nodes: databases and their tables on the left; the SQL console, the result grid with the
 * query's meta, and the export bar on the right. Binds to {@link D1ViewModel} and calls its commands only.
 */
final class D1View {

    private final D1ViewModel vm;
    private final FileDialogs files;
    private D1ResultGrid grid;
    private TextArea editor;

    D1View(D1ViewModel vm, FileDialogs files) {
        this.vm = Objects.requireNonNull(vm);
        this.files = Objects.requireNonNull(files);
    }

    Node build() {
        SplitPane split = new SplitPane(databasesPane(), consolePane());
        split.setDividerPositions(0.24);
        split.getStyleClass().add("d1-split");
        VBox root = new VBox(split);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.setId(PageId.D1.pageId());
        root.getStyleClass().addAll("page", "d1-page");
        root.getStylesheets().add(Objects.requireNonNull(D1View.class.getResource("d1.css")).toExternalForm());
        return root;
    }

    /** The grid, for benchmarks that measure how fast a result is shown. */
    D1ResultGrid grid() {
        return grid;
    }

    // --- left: databases and tables --------------------------------------------------------------------

    private Node databasesPane() {
        Label title = new Label("Databases");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Button create = iconButton(Feather.PLUS, "d1-create", "New database…");
        Button delete = iconButton(Feather.TRASH_2, "d1-delete", "Delete the selected database…");
        Button refresh = iconButton(Feather.REFRESH_CW, "d1-refresh", "Load the databases again");
        writeButton(create, "New database…");
        writeButton(delete, "Delete the selected database…");
        delete.disableProperty().bind(vm.writableProperty().not().or(vm.selectedProperty().isNull()));
        create.setOnAction(e -> askCreate(create.getScene().getWindow()));
        delete.setOnAction(e -> askDelete(delete.getScene().getWindow()));
        refresh.setOnAction(e -> vm.refresh());
        HBox head = new HBox(6, title, new Spacer(), create, delete, refresh);
        head.setAlignment(Pos.CENTER_LEFT);

        ListView<D1Database> list = new ListView<>(vm.databases());
        list.setId("d1-databases");
        list.getStyleClass().add(Styles.DENSE);
        list.setPrefHeight(170);
        list.setPlaceholder(new Label("No databases"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(D1Database db, boolean empty) {
                super.updateItem(db, empty);
                setText(empty || db == null ? null : db.name());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });

        Label tablesTitle = new Label("Tables");
        tablesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label tablesHint = new Label("Double-click a table to query it.");
        tablesHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        TreeView<Object> tree = new TreeView<>(new TreeItem<>());
        tree.setId("d1-tables");
        tree.setShowRoot(false);
        tree.getStyleClass().add(Styles.DENSE);
        tree.setCellFactory(v -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                } else if (item instanceof D1Table t) {
                    setText(t.name() + (t.isView() ? "  (view)" : ""));
                    setGraphic(new FontIcon(t.isView() ? Feather.EYE : Feather.GRID));
                    setTooltip(new Tooltip(t.sql()));
                } else if (item instanceof D1Table.Column c) {
                    setText(c.name() + "  " + (c.type().isEmpty() ? "ANY" : c.type())
                            + (c.primaryKey() > 0 ? " · PK" : "") + (c.notNull() ? " · NOT NULL" : "")
                            + (c.defaultValue() != null ? " · DEFAULT " + c.defaultValue() : ""));
                    setGraphic(null);
                    setTooltip(null);
                }
            }
        });
        vm.tables().addListener((javafx.collections.ListChangeListener<D1Table>) c -> fill(tree));
        tree.setOnMouseClicked(e -> {
            TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null
                    && item.getValue() instanceof D1Table t) {
                vm.browse(t);
                editor.requestFocus();
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        VBox pane = new VBox(8, head, list, tablesTitle, tablesHint, tree);
        pane.getStyleClass().add("d1-side");
        return pane;
    }

    private void fill(TreeView<Object> tree) {
        TreeItem<Object> root = new TreeItem<>();
        for (D1Table t : vm.tables()) {
            TreeItem<Object> table = new TreeItem<>(t);
            t.columns().forEach(c -> table.getChildren().add(new TreeItem<>(c)));
            root.getChildren().add(table);
        }
        tree.setRoot(root);
    }

    private void askCreate(Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("New D1 database");
        dialog.setHeaderText("Create a D1 database");
        TextField name = new TextField();
        name.setId("d1-new-name");
        name.setPromptText("e.g. orders-eu");
        ComboBox<String> hint = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                "", "wnam", "enam", "weur", "eeur", "apac", "oc"));
        hint.setId("d1-new-location");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Location hint"), hint);
        Label rules = new Label("a-z, 0-9, '-' and '_'; starts with a letter or digit. Without a location hint "
                + "Cloudflare places it near you.");
        rules.setWrapText(true);
        rules.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        form.add(rules, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setId("d1-create-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.application.Platform.runLater(name::requestFocus);
        dialog.showAndWait().filter(b -> b == ButtonType.OK)
                .ifPresent(b -> vm.create(name.getText().trim(), hint.getValue()));
    }

    private void askDelete(Window owner) {
        D1Database db = vm.selectedProperty().get();
        if (db == null) {
            return;
        }
        Optional<String> typed = TypedConfirmDialog.ask(owner, "D1 database", db.name(),
                "The database " + db.name() + " and all its tables and rows are deleted on Cloudflare. This cannot be "
                        + "undone.");
        typed.ifPresent(t -> vm.delete(db, t));
    }

    // --- right: console, grid, export ------------------------------------------------------------------

    private Node consolePane() {
        editor = new TextArea();
        editor.setId("d1-sql");
        editor.getStyleClass().add("d1-sql");
        editor.setWrapText(true);
        editor.setPromptText("SELECT * FROM customers WHERE country = ? LIMIT 50;");
        editor.textProperty().bindBidirectional(vm.sqlProperty());
        editor.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::runOnShortcutEnter);

        Button run = new Button("Run", new FontIcon(Feather.PLAY));
        run.setId("d1-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Run the selection, or everything when nothing is selected (Ctrl+Enter)"));
        run.disableProperty().bind(vm.runningProperty().or(vm.selectedProperty().isNull()));
        run.setOnAction(e -> run());
        TextField params = new TextField();
        params.setId("d1-params");
        params.setPromptText("Parameters for ?, comma-separated (\"quote, if needed\")");
        params.textProperty().bindBidirectional(vm.paramsProperty());
        params.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::runOnShortcutEnter);
        HBox.setHgrow(params, Priority.ALWAYS);
        ComboBox<D1ViewModel.HistoryEntry> history = new ComboBox<>(vm.history());
        history.setId("d1-history");
        history.setPromptText("History");
        history.setPrefWidth(180);
        history.setOnAction(e -> {
            vm.recall(history.getValue());
            javafx.application.Platform.runLater(() -> history.getSelectionModel().clearSelection());
        });
        Button exportSql = new Button("Export .sql…", new FontIcon(Feather.DOWNLOAD));
        exportSql.setId("d1-export");
        exportSql.setTooltip(new Tooltip("Export the whole database (schema and rows) to a .sql file"));
        exportSql.disableProperty().bind(vm.exportingProperty().or(vm.selectedProperty().isNull()));
        exportSql.setOnAction(e -> {
            D1Database db = vm.selectedProperty().get();
            files.save("Export " + db.name() + " as SQL", db.name() + ".sql", exportSql.getScene().getWindow())
                    .ifPresent(vm::export);
        });
        HBox toolbar = new HBox(8, run, params, history, exportSql);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("d1-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        vm.messageIsErrorProperty().addListener((obs, old, now) -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (now) {
                message.getStyleClass().add(Styles.DANGER);
            }
        });

        ChoiceBox<String> statements = new ChoiceBox<>(vm.statements());
        statements.setId("d1-statements");
        statements.visibleProperty().bind(Bindings.size(vm.statements()).greaterThan(1));
        statements.managedProperty().bind(statements.visibleProperty());
        statements.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() >= 0) {
                vm.shownStatementProperty().set(now.intValue());
            }
        });
        vm.shownStatementProperty().addListener((obs, old, now) -> {
            if (now != null && statements.getSelectionModel().getSelectedIndex() != now) {
                statements.getSelectionModel().select(now.intValue());
            }
        });
        Label meta = new Label();
        meta.setId("d1-meta");
        meta.getStyleClass().addAll(Styles.TEXT_MUTED, "d1-meta");
        meta.textProperty().bind(vm.metaProperty());
        Button csv = new Button("Save CSV…", new FontIcon(Feather.FILE_TEXT));
        csv.setId("d1-csv");
        csv.getStyleClass().add(Styles.SMALL);
        csv.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.gridProperty().get().columns().isEmpty(),
                vm.gridProperty()));
        csv.setOnAction(e -> files.save("Save the result as CSV", "d1-result.csv", csv.getScene().getWindow())
                .ifPresent(vm::saveCsv));
        HBox resultBar = new HBox(10, statements, meta, new Spacer(), csv);
        resultBar.setAlignment(Pos.CENTER_LEFT);

        grid = new D1ResultGrid(vm);
        Node table = grid.build();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox results = new VBox(6, resultBar, table);
        VBox.setVgrow(editor, Priority.ALWAYS);
        VBox top = new VBox(8, toolbar, editor, message);
        SplitPane vertical = new SplitPane(top, results);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.34);
        VBox.setVgrow(vertical, Priority.ALWAYS);
        VBox pane = new VBox(8, vertical, exportBar());
        pane.getStyleClass().add("d1-console");
        return pane;
    }

    private Node exportBar() {
        ProgressBar progress = new ProgressBar();
        progress.setId("d1-export-progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(vm.exportProgressProperty());
        progress.visibleProperty().bind(vm.exportingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label text = new Label();
        text.setId("d1-export-text");
        text.textProperty().bind(vm.exportTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("d1-export-cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.visibleProperty().bind(vm.exportingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelExport());
        HBox bar = new HBox(10, progress, text, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(vm.exportingProperty().or(text.textProperty().isNotEmpty()));
        bar.managedProperty().bind(bar.visibleProperty());
        bar.getStyleClass().add("d1-export-bar");
        return bar;
    }

    /** Ctrl+Enter in the console or its parameters runs the SQL. */
    private void runOnShortcutEnter(javafx.scene.input.KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
            run();
            e.consume();
        }
    }

    private void run() {
        String selection = editor.getSelectedText();
        vm.run(selection == null || selection.isBlank() ? editor.getText() : selection);
    }

    private static Button iconButton(Feather icon, String id, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** Disabled while writes are locked, with the hint why. */
    private void writeButton(ButtonBase button, String tip) {
        button.disableProperty().bind(vm.writableProperty().not());
        button.tooltipProperty().bind(Bindings.createObjectBinding(() ->
                new Tooltip(vm.writableProperty().get() ? tip : WriteLockModel.LOCKED_HINT), vm.writableProperty()));
    }
}
