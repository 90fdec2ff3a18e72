package dev.flareobserver.app.page.kv;

import atlantafx.base.theme.Styles;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.app.page.resources.TypedConfirmDialog;
import dev.flareobserver.app.page.workers.PanelProblemBanner;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.geometry.Pos;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The namespaces table with New, Rename, Delete (typed title) and Refresh. */
final class KvNamespacesView {

    private final KvNamespacesViewModel vm;
    private final KvWriteButtons writes;

    KvNamespacesView(KvNamespacesViewModel vm, KvWriteButtons writes) {
        this.vm = vm;
        this.writes = writes;
    }

    Node build() {
        Label title = new Label("Namespaces");
        title.getStyleClass().add(Styles.TITLE_4);

        TableView<KvNamespace> table = new TableView<>(vm.namespaces());
        table.setId("kv-namespaces-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No namespaces"));
        table.getColumns().add(column("Title", 150, KvNamespace::title));
        table.getColumns().add(column("ID", 120, KvNamespace::id));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button create = iconButton("kv-ns-create", "New namespace…", Feather.PLUS);
        writes.guard(create, vm.busyProperty());
        create.setOnAction(e -> ask("Create a KV namespace", "Title of the new namespace:", "")
                .ifPresent(vm::create));
        Button rename = iconButton("kv-ns-rename", "Rename the namespace…", Feather.EDIT_2);
        writes.guard(rename, vm.busyProperty().or(vm.selectedProperty().isNull()));
        rename.setOnAction(e -> {
            KvNamespace ns = vm.selectedProperty().get();
            ask("Rename " + ns.title(), "New title:", ns.title()).ifPresent(t -> vm.rename(ns, t));
        });
        Button delete = iconButton("kv-ns-delete", "Delete the namespace…", Feather.TRASH_2);
        delete.getStyleClass().add(Styles.DANGER);
        writes.guard(delete, vm.busyProperty().or(vm.selectedProperty().isNull()));
        delete.setOnAction(e -> {
            KvNamespace ns = vm.selectedProperty().get();
            TypedConfirmDialog.ask(table.getScene().getWindow(), "KV namespace", ns.title(),
                    "This deletes the namespace " + ns.title() + " (" + ns.id() + ") and every key in it. "
                            + "It cannot be undone.").ifPresent(typed -> vm.delete(ns, typed));
        });
        Button refresh = iconButton("kv-ns-refresh", "Reload the namespaces", Feather.REFRESH_CW);
        refresh.disableProperty().bind(vm.busyProperty());
        refresh.setOnAction(e -> vm.refresh());
        FlowPane buttons = buttonRow(create, rename, delete, refresh);

        Label status = new Label();
        status.setId("kv-ns-status");
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.textProperty().bind(vm.statusProperty());

        VBox box = new VBox(8, title, buttons, PanelProblemBanner.build(vm.problemProperty(), "kv-ns-problem"), table,
                status);
        box.getStyleClass().add("kv-pane");
        return box;
    }

    private Optional<String> ask(String header, String prompt, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.setTitle("KV namespace");
        dialog.setHeaderText(header);
        dialog.setContentText(prompt);
        dialog.getDialogPane().setId("kv-title-dialog");
        dialog.getEditor().setId("kv-title-field");
        return dialog.showAndWait().map(String::strip);
    }

    /** A small labelled button that keeps its full label (rows of them wrap instead of cutting labels). */
    static Button button(String id, String text, Feather icon) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** An icon button for a narrow pane; {@code what} is its tooltip and accessible text. */
    static Button iconButton(String id, String what, Feather icon) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(what));
        b.setAccessibleText(what);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** A row of buttons that wraps when the pane is narrow. */
    static FlowPane buttonRow(Node... buttons) {
        FlowPane row = new FlowPane(6, 6, buttons);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TableColumn<KvNamespace, String> column(String title, double width, Function<KvNamespace, String> value) {
        TableColumn<KvNamespace, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
