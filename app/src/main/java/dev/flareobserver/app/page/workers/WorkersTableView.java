package dev.flareobserver.app.page.workers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
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

    /** A column's property: reads a row's value for that column when sorting (see {@link #order}). */
    private static final String SORT_VALUE = "workers.sortValue";

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
        name.getProperties().put(SORT_VALUE, (Function<WorkerRowModel, String>) WorkerRowModel::scriptName);
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
        health.getProperties().put(SORT_VALUE, (Function<WorkerRowModel, HealthBadge>) r -> r.healthProperty().get());
        health.setCellFactory(c -> new HealthCell());
        health.setPrefWidth(135);

        t.getColumns().setAll(java.util.List.of(name, rps, errors, ratio, cpu50, cpu99, wall99, sub, deploy, health));

        // The table's sort goes to the model, which re-sorts once per snapshot instead of per change.
        t.setSortPolicy(tv -> {
            model.setOrder(order(tv));
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

    /**
     * The order the table's sort columns ask for, reading each row's figure directly: the table's own
     * comparator calls the cell value factory (a new wrapper object) for every comparison, which for a
     * 1000-row re-sort is tens of thousands of calls per snapshot. Null when no column sorts.
     */
    private static Comparator<WorkerRowModel> order(TableView<WorkerRowModel> tv) {
        Comparator<WorkerRowModel> order = null;
        for (TableColumn<WorkerRowModel, ?> col : tv.getSortOrder()) {
            Comparator<WorkerRowModel> byColumn = byColumn(col);
            if (col.getSortType() == TableColumn.SortType.DESCENDING) {
                byColumn = byColumn.reversed();
            }
            order = order == null ? byColumn : order.thenComparing(byColumn);
        }
        return order;
    }

    @SuppressWarnings("unchecked")
    private static <T> Comparator<WorkerRowModel> byColumn(TableColumn<WorkerRowModel, T> col) {
        Function<WorkerRowModel, T> value = (Function<WorkerRowModel, T>) col.getProperties().get(SORT_VALUE);
        Comparator<T> compare = (Comparator<T>) col.getComparator();
        if (value == null) {
            // A column without a direct value: ask it the table's way.
            return (a, b) -> compare.compare(col.getCellData(a), col.getCellData(b));
        }
        return (a, b) -> compare.compare(value.apply(a), value.apply(b));
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
        col.getProperties().put(SORT_VALUE, (Function<WorkerRowModel, Metric>) r -> value.apply(r).getValue());
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
        private PseudoClass state;

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
            PseudoClass next = PseudoClass.getPseudoClass(item.styleClass());
            if (next != state) {
                if (state != null) {
                    badge.pseudoClassStateChanged(state, false);
                }
                state = next;
                badge.pseudoClassStateChanged(next, true);
            }
            setGraphic(badge);
        }
    }
}
