package dev.flareobserver.app.page.d1;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.flareobserver.api.d1.D1Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.collections.FXCollections;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The result grid: a virtualised table over the result's row arrays as they came (a 100,000-row result is
 * never copied; only the visible rows get cells). Cells are selectable; Ctrl+C copies the selection as
 * tab-separated text, the context menu also with the column names.
 */
final class D1ResultGrid {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    /** Rows looked at to size the columns. */
    private static final int SIZING_ROWS = 40;

    private final D1ViewModel vm;
    private final TableView<Object[]> table = new TableView<>();

    D1ResultGrid(D1ViewModel vm) {
        this.vm = vm;
    }

    TableView<Object[]> build() {
        table.setId("d1-grid");
        table.getStyleClass().addAll(Styles.DENSE, Styles.BORDERED, Tweaks.EDGE_TO_EDGE, "d1-grid");
        table.setPlaceholder(new Label("Run a query to see its rows here."));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy(false);
                e.consume();
            }
        });
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copy(false));
        MenuItem copyWithHeader = new MenuItem("Copy with column names");
        copyWithHeader.setOnAction(e -> copy(true));
        table.setContextMenu(new ContextMenu(copy, copyWithHeader));
        vm.gridProperty().addListener((obs, old, now) -> show(now));
        show(vm.gridProperty().get());
        return table;
    }

    TableView<Object[]> table() {
        return table;
    }

    /** New columns for the new result; the rows list is wrapped, not copied. */
    private void show(D1Rows rows) {
        List<TableColumn<Object[], Object>> columns = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            columns.add(column(rows, i));
        }
        table.getSelectionModel().clearSelection();
        table.getColumns().setAll(columns);
        table.setItems(FXCollections.observableList(rows.rows()));
        table.scrollTo(0);
    }

    private static TableColumn<Object[], Object> column(D1Rows rows, int index) {
        String name = rows.columns().get(index);
        TableColumn<Object[], Object> column = new TableColumn<>(name);
        column.setUserData(index);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(index < cell.getValue().length
                ? cell.getValue()[index] : null));
        column.setCellFactory(c -> new ValueCell());
        int widest = name.length();
        for (int r = 0; r < Math.min(SIZING_ROWS, rows.size()); r++) {
            Object[] row = rows.rows().get(r);
            widest = Math.max(widest, index < row.length ? D1Values.cell(row[index]).length() : 4);
        }
        column.setPrefWidth(Math.max(70, Math.min(380, widest * 9 + 24)));
        return column;
    }

    private void copy(boolean withHeader) {
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<Integer> columns = new TreeSet<>();
        for (TablePosition<?, ?> p : table.getSelectionModel().getSelectedCells()) {
            rows.add(p.getRow());
            if (p.getTableColumn() != null && p.getTableColumn().getUserData() instanceof Integer c) {
                columns.add(c);
            }
        }
        if (rows.isEmpty() || columns.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.copyText(List.copyOf(rows), List.copyOf(columns), withHeader));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    /**
     * NULL dimmed, numbers to the right, text on one line. Kinds are pseudo-classes, not style classes: a cell is
     * reused for another row as the grid scrolls, and a pseudo-class change costs less CSS work.
     */
    private static final class ValueCell extends TableCell<Object[], Object> {
        private static final PseudoClass NULL = PseudoClass.getPseudoClass("null");
        private static final PseudoClass NUMBER = PseudoClass.getPseudoClass("number");
        private static final PseudoClass BLOB = PseudoClass.getPseudoClass("blob");

        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty ? null : D1Values.cell(value));
            pseudoClassStateChanged(NULL, !empty && value == null);
            pseudoClassStateChanged(NUMBER, !empty && value instanceof Number);
            pseudoClassStateChanged(BLOB, !empty && value instanceof byte[]);
        }
    }
}
