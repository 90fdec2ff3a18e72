package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.page.workers.WorkerRowModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The Workers table, the Worker page and a rollback, driven in the real app against the demo emulator. */
class WorkersUiTest extends AppUiTest {

    @Test
    void theOverviewTableSortsAndFiltersAsYouType() throws Exception {
        launch(Map.of());
        TableView<WorkerRowModel> table = workersTable();

        clickOn("#workers-filter").write("checkout");
        waitUntil(() -> names(table).equals(List.of("checkout-api")), "only checkout-api matches 'checkout'");
        push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        waitUntil(() -> table.getItems().size() >= 20, "the filter is cleared");

        clickOn("#col-name");
        waitUntil(() -> isSorted(names(table), Comparator.naturalOrder()), "sorted by name, ascending");
        clickOn("#col-name");
        waitUntil(() -> isSorted(names(table), Comparator.<String>naturalOrder().reversed()), "sorted by name, descending");
    }

    @Test
    void theWorkerPageShowsDeploymentMarkersAndRollbackNeedsTheTypedName() throws Exception {
        launch(Map.of());
        TableView<WorkerRowModel> table = workersTable();
        clickOn("#workers-filter").write("checkout-api");
        waitUntil(() -> names(table).equals(List.of("checkout-api")), "checkout-api is the only row");
        clickOn(cellWithText(table, "checkout-api"));
        waitUntil(() -> table.getSelectionModel().getSelectedItem() != null
                && "checkout-api".equals(table.getSelectionModel().getSelectedItem().scriptName()), "checkout-api selected");
        push(KeyCode.ENTER);

        waitUntil(() -> isShown("#page-worker-detail"), "the Worker page opens");
        waitUntil(() -> lookup(".deployment-marker").queryAll().stream().anyMatch(this::visible),
                "deployment markers are drawn on the charts");

        TableView<?> versions = lookup("#versions-table").queryTableView();
        waitUntil(() -> versions.getItems().size() >= 2, "versions are listed");
        String activeBefore = text("#worker-active-version");
        scrollIntoView(versions);
        TableRow<?> older = rowNotActive(versions);
        String target = String.valueOf(((TableCell<?, ?>) older.lookup(".table-cell")).getText()).split(" ")[0];
        clickOn(older);
        clickOn("#rollback-button");

        waitUntil(() -> isShown("#rollback-dialog"), "the rollback dialog asks for confirmation");
        Button confirm = lookup("#rollback-confirm").queryButton();
        assertThat(text("#rollback-summary")).contains("checkout-api");
        assertThat(confirm.isDisabled()).as("nothing typed yet").isTrue();
        clickOn("#rollback-confirm-input").write("checkout");
        assertThat(confirm.isDisabled()).as("a partial name does not unlock it").isTrue();
        write("-api");
        waitUntil(() -> !confirm.isDisabled(), "the exact name unlocks the rollback");
        clickOn(confirm);

        waitUntil(() -> text("#worker-active-version").contains(target) && !text("#worker-active-version").equals(activeBefore),
                "the active version becomes " + target);
    }

    private TableView<WorkerRowModel> workersTable() throws Exception {
        waitUntil(() -> isShown("#workers-table"), "the Workers table is shown");
        @SuppressWarnings("unchecked")
        TableView<WorkerRowModel> table = (TableView<WorkerRowModel>) (TableView<?>) lookup("#workers-table").queryTableView();
        waitUntil(() -> table.getItems().size() >= 20, "the Workers table fills from the demo analytics");
        return table;
    }

    private static List<String> names(TableView<WorkerRowModel> table) {
        List<String> names = new ArrayList<>();
        table.getItems().forEach(row -> names.add(row.scriptName()));
        return names;
    }

    private static boolean isSorted(List<String> names, Comparator<String> order) {
        for (int i = 1; i < names.size(); i++) {
            if (order.compare(names.get(i - 1), names.get(i)) > 0) {
                return false;
            }
        }
        return names.size() > 1;
    }

    private Node cellWithText(TableView<?> table, String text) {
        return from(table).lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText())
                && c.isVisible() && c.getTableRow() != null && c.getTableRow().getItem() != null).query();
    }

    private TableRow<?> rowNotActive(TableView<?> table) {
        return from(table).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() != null
                && !String.valueOf(((TableCell<?, ?>) r.lookup(".table-cell")).getText()).contains("active"))
                .query();
    }

    /** As a user scrolls the Worker page down to its tables. */
    private void scrollIntoView(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ScrollPane scroll) {
                interact(() -> scroll.setVvalue(scroll.getVmax()));
                return;
            }
        }
    }

    private boolean visible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
