package dev.flareobserver.app.page.resources;

import atlantafx.base.theme.Styles;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Every write this app attempted (newest first), live while open, with export as NDJSON. */
public final class AuditTrailDialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AuditTrailDialog() {
    }

    public static void show(Window owner, AuditTrail audit, FileDialogs files, ZoneId zone) {
        ObservableList<AuditEntry> rows = FXCollections.observableArrayList(audit.entries());
        FXCollections.reverse(rows);
        Consumer<AuditEntry> listener = entry -> Platform.runLater(() -> rows.add(0, entry));
        audit.addListener(listener);

        TableView<AuditEntry> table = new TableView<>(rows);
        table.setId("audit-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No writes yet. Every create, change and delete is recorded here."));
        table.getColumns().add(column("Time", 150, e -> TIME.format(e.at().atZone(zone))));
        table.getColumns().add(column("Product", 70, AuditEntry::product));
        table.getColumns().add(column("Action", 120, AuditEntry::action));
        table.getColumns().add(column("Target", 220, AuditEntry::target));
        table.getColumns().add(column("Result", 200, e -> e.succeeded() ? "ok" : "failed: " + e.error()));
        table.getColumns().add(column("Before", 160, e -> e.before() == null ? "" : e.before()));
        table.getColumns().add(column("After", 160, e -> e.after() == null ? "" : e.after()));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label status = new Label();
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Button export = new Button("Export NDJSON…", new FontIcon(Feather.DOWNLOAD));
        export.setId("audit-export");
        HBox bar = new HBox(10, export, status);

        Dialog<Void> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Audit trail");
        dialog.setHeaderText("Writes made from Flare Observer");
        dialog.setResizable(true);
        VBox content = new VBox(10, table, bar);
        content.setPrefSize(1000, 520);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("audit-dialog");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        export.setOnAction(e -> {
            Optional<Path> target = files.save("Export the audit trail", "flare-observer-audit.ndjson",
                    dialog.getDialogPane().getScene().getWindow());
            target.ifPresent(path -> {
                try {
                    audit.exportNdjson(path);
                    status.setText("Exported " + audit.entries().size() + " entries to " + path);
                } catch (IOException ex) {
                    status.setText("Export failed: " + ex.getMessage());
                }
            });
        });
        dialog.setOnHidden(e -> audit.removeListener(listener));
        dialog.show();
    }

    private static TableColumn<AuditEntry, String> column(String title, double width,
                                                         Function<AuditEntry, String> value) {
        TableColumn<AuditEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
