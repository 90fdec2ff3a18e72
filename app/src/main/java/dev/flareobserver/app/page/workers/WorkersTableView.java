package dev.flareobserver.app.page.workers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Workers table with its filter field, bound to a {@link WorkersTableModel}; used by the Overview
 * and the Workers page. Cells only show the texts the model prepared, so a refresh costs a property
 * set per changed figure and one re-sort, never a rebuilt row.
 */
public final class WorkersTableView {

    private final WorkersTableModel model;
    private TableView<WorkerRowModel> table;

    public WorkersTableView(WorkersTableModel model) {
        this.model = model;
    }

    public Node build() {
        Label title = new Label("Workers");
        title.getStyleClass().add(Styles.TITLE_4);
        Label count = new Label();
        count.setId("workers-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(model.countTextProperty());

        CustomTextField filter = new CustomTextField();
        filter.setId("workers-filter");
        filter.setPromptText("Filter Workers by name");
        filter.setLeft(new FontIcon(Feather.SEARCH));
        filter.setPrefWidth(260);
        filter.textProperty().bindBidirectional(model.filterProperty());

        HBox header = new HBox(10, title, count, new Spacer(), filter);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("workers-table-header");

        table = table();
        // Escape in the filter clears it; Down moves into the table, so keyboard users never need the mouse.
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, header, table);
        box.getStyleClass().add("workers-table-box");
        return box;
    }

    public TableView<WorkerRowModel> table() {
        if (table != null) {
            return table;
        }
        TableView<WorkerRowModel> t = new TableView<>(model.items());
        t.setId("workers-table");
        t.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "workers-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Fixed row height: the table never measures rows, which keeps a 1000-row refresh cheap.
        t.setFixedCellSize(30);

        TableColumn<WorkerRowModel, String> name = new TableColumn<>("Name");
        name.setId("col-name");
        name.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().scriptName()));
        name.setPrefWidth(180);
        name.getStyleClass().add("col-name");

        TableColumn<WorkerRowModel, Metric> rps = metric("Req/s", "col-requests", WorkerRowModel::requestsPerSecondProperty,
                "Requests per second, averaged over the window", 75);
        TableColumn<WorkerRowModel, Metric> errors = metric("Errors", "col-errors", WorkerRowModel::errorsProperty,
                "Failed invocations in the window", 80);
        TableColumn<WorkerRowModel, Metric> ratio = metric("Error %", "col-error-ratio", WorkerRowModel::errorRatioProperty,
                "Errors as a share of requests", 80);
        TableColumn<WorkerRowModel, Metric> cpu50 = metric("CPU p50", "col-cpu-p50", WorkerRowModel::cpuP50Property,
                "Median CPU time per invocation", 80);
        TableColumn<WorkerRowModel, Metric> cpu99 = metric("CPU p99", "col-cpu-p99", WorkerRowModel::cpuP99Property,
                "CPU time of the slowest 1 % of invocations", 80);
        TableColumn<WorkerRowModel, Metric> wall99 = metric("Wall p99", "col-wall-p99", WorkerRowModel::wallP99Property,
                "Wall-clock time of the slowest 1 % of invocations", 85);
        TableColumn<WorkerRowModel, Metric> sub = metric("Subrequests", "col-subrequests", WorkerRowModel::subrequestsProperty,
                "Outgoing fetches made by the Worker in the window", 105);
        TableColumn<WorkerRowModel, Metric> deploy = metric("Last deploy", "col-last-deploy", WorkerRowModel::lastDeployProperty,
                "When the Worker was last deployed", 100);

        TableColumn<WorkerRowModel, HealthBadge> health = new TableColumn<>("Health");
        health.setId("col-health");
        health.setCellValueFactory(c -> c.getValue().healthProperty());
        health.setCellFactory(c -> new HealthCell());
        health.setPrefWidth(135);

        t.getColumns().setAll(java.util.List.of(name, rps, errors, ratio, cpu50, cpu99, wall99, sub, deploy, health));

        // The table's sort goes to the model, which re-sorts once per snapshot instead of per change.
        t.setSortPolicy(tv -> {
            model.setOrder(tv.getComparator());
            return true;
        });
        // As DEFAULT_ORDER: the Workers in trouble first, the busiest among equals first.
        health.setSortType(TableColumn.SortType.DESCENDING);
        rps.setSortType(TableColumn.SortType.DESCENDING);
        t.getSortOrder().setAll(java.util.List.of(health, rps));

        Label empty = new Label();
        empty.textProperty().bind(model.emptyTextProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        t.setPlaceholder(empty);

        t.setRowFactory(tv -> {
            TableRow<WorkerRowModel> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(rowMenu(row)));
            return row;
        });
        t.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.open(t.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.L && e.isShortcutDown() && model.canTail()) {
                model.tail(t.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        table = t;
        return t;
    }

    /** Open, and "Tail live logs" when the app offers it (Ctrl+L does the same on the selected row). */
    private ContextMenu rowMenu(TableRow<WorkerRowModel> row) {
        MenuItem open = new MenuItem("Open", new FontIcon(Feather.ARROW_RIGHT));
        open.setOnAction(e -> model.open(row.getItem()));
        ContextMenu menu = new ContextMenu(open);
        if (model.canTail()) {
            MenuItem tail = new MenuItem("Tail live logs", new FontIcon(Feather.TERMINAL));
            tail.setId("workers-row-tail");
            tail.setOnAction(e -> model.tail(row.getItem()));
            menu.getItems().add(tail);
        }
        return menu;
    }

    private static TableColumn<WorkerRowModel, Metric> metric(String title, String id,
            Function<WorkerRowModel, ObservableValue<Metric>> value, String help, double width) {
        TableColumn<WorkerRowModel, Metric> col = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(help));
        header.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        col.setGraphic(header);
        col.setId(id);
        col.setCellValueFactory(c -> value.apply(c.getValue()));
        col.setCellFactory(c -> new MetricCell());
        col.setPrefWidth(width);
        col.getStyleClass().add(Tweaks.ALIGN_RIGHT);
        return col;
    }

    private static final class MetricCell extends TableCell<WorkerRowModel, Metric> {
        MetricCell() {
            getStyleClass().add("metric-cell");
        }

        @Override
        protected void updateItem(Metric item, boolean empty) {
            super.updateItem(item, empty);
            String text = empty || item == null ? null : item.text();
            if (!java.util.Objects.equals(getText(), text)) {
                setText(text);
            }
        }
    }

    private static final class HealthCell extends TableCell<WorkerRowModel, HealthBadge> {
        private final Label badge = new Label();
        private String style;

        HealthCell() {
            badge.getStyleClass().add("health-badge");
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(HealthBadge item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            badge.setText(item.text());
            if (!item.styleClass().equals(style)) {
                if (style != null) {
                    badge.getStyleClass().remove(style);
                }
                style = item.styleClass();
                badge.getStyleClass().add(style);
            }
            setGraphic(badge);
        }
    }
}
