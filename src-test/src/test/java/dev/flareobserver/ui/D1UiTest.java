package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.FileDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D1 page in the real app against the demo emulator: a query's rows and meta, export, and refusals. */
class D1UiTest extends AppUiTest {

    @TempDir
    Path files;

    private FlareObserverApp openD1() throws Exception {
        FlareObserverApp app = launch(Map.of());
        app.setFileDialogs(new FileDialogs() {
            @Override
            public Optional<Path> open(String title, Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, Window owner) {
                return Optional.of(files.resolve(suggestedName));
            }
        });
        waitUntil(() -> isShown("#" + PageId.D1.navId()), "the sidebar is shown");
        clickOn("#" + PageId.D1.navId());
        waitUntil(() -> isShown("#page-d1"), "the D1 page is shown");
        ListView<?> databases = lookup("#d1-databases").queryListView();
        waitUntil(() -> databases.getSelectionModel().getSelectedItem() != null, "the demo database is chosen");
        TreeView<?> tables = lookup("#d1-tables").query();
        waitUntil(() -> tables.getRoot() != null && tables.getRoot().getChildren().size() == 5,
                "the shop's tables are listed");
        return app;
    }

    /** Types the SQL into the console and runs it with Ctrl+Enter, as a user does. */
    private void typeAndRun(String sql) {
        TextArea editor = lookup("#d1-sql").query();
        interact(() -> editor.setText(""));
        clickOn(editor).write(sql);
        push(KeyCode.CONTROL, KeyCode.ENTER);
    }

    /** Puts the SQL into the console (pasted, not typed: robot typing is slow) and runs it with Ctrl+Enter. */
    private void runSql(String sql) {
        TextArea editor = lookup("#d1-sql").query();
        interact(() -> editor.setText(sql));
        clickOn(editor);
        push(KeyCode.CONTROL, KeyCode.ENTER);
    }

    /** One session on the page (one app start): a query, an export, then writes locked and a typo. */
    @Test
    void aQueryShowsRowsAndMetaTheDatabaseExportsAndReadOnlyRefusesWrites() throws Exception {
        FlareObserverApp app = openD1();
        @SuppressWarnings("unchecked")
        TableView<Object[]> grid = (TableView<Object[]>) (TableView<?>) lookup("#d1-grid").queryTableView();

        typeAndRun("SELECT id, name, country FROM customers ORDER BY id LIMIT 25");

        waitUntil(() -> grid.getItems().size() == 25, "25 rows in the grid");
        assertThat(grid.getColumns()).extracting(c -> c.getText()).containsExactly("id", "name", "country");
        waitUntil(() -> from(grid).lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof TableCell<?, ?> c && "1".equals(c.getText()) && c.isVisible()),
                "the first row's id is drawn");
        assertThat(text("#d1-meta")).startsWith("25 rows · ").contains("rows read", "0 rows written", "round trip");

        clickOn("#d1-export");
        Label exportText = lookup("#d1-export-text").query();
        waitUntil(() -> exportText.getText().startsWith("Exported shop"), "the export finishes");
        assertThat(Files.readString(files.resolve("shop.sql"))).startsWith("PRAGMA defer_foreign_keys=TRUE;")
                .contains("INSERT INTO \"order_items\" VALUES(60000,");

        clickOn("#status-write-lock");
        waitUntil(() -> !app.writeLock().isUnlocked(), "writes are locked");
        Button create = lookup("#d1-create").queryButton();
        Button delete = lookup("#d1-delete").queryButton();
        waitUntil(() -> create.isDisabled() && delete.isDisabled(), "write buttons are disabled");
        assertThat(create.getTooltip().getText()).startsWith("Read-only");

        runSql("DELETE FROM order_items");
        waitUntil(() -> text("#d1-message").startsWith("Not run: this SQL can change the database (DELETE)"),
                "the delete is refused");
        runSql("SELECT count(*) AS n FROM order_items");
        waitUntil(() -> text("#d1-meta").startsWith("1 rows"), "reads still run");
        assertThat(grid.getItems().get(0)[0]).as("nothing was deleted").isEqualTo(60_000L);

        runSql("SELEC id FROM orders");
        waitUntil(() -> text("#d1-message").startsWith("D1 could not run"), "D1's error is shown");
        assertThat(text("#d1-message"))
                .isEqualTo("D1 could not run the SQL: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
        assertThat(lookup("#d1-message").query().getStyleClass()).contains("danger");
    }
}
