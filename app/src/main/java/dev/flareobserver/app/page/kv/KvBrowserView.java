package dev.flareobserver.app.page.kv;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.workers.PanelProblemBanner;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The key browser: prefix search, a virtualized list that asks for the next page as its last rows come on
 * screen, and bulk import/export.
 */
final class KvBrowserView {

    private final KvBrowserViewModel vm;
    private final KvValueViewModel value;
    private final KvWriteButtons writes;
    private final FileDialogs files;

    KvBrowserView(KvBrowserViewModel vm, KvValueViewModel value, KvWriteButtons writes, FileDialogs files) {
        this.vm = vm;
        this.value = value;
        this.writes = writes;
        this.files = files;
    }

    Node build() {
        Label title = new Label("Keys");
        title.getStyleClass().add(Styles.TITLE_4);

        TextField prefix = new TextField();
        prefix.setId("kv-prefix");
        prefix.setPromptText("Key prefix, e.g. user:");
        prefix.textProperty().bindBidirectional(vm.prefixProperty());
        prefix.setOnAction(e -> vm.search());
        HBox.setHgrow(prefix, Priority.ALWAYS);
        Button search = KvNamespacesView.button("kv-search", "Search", Feather.SEARCH);
        search.setOnAction(e -> vm.search());
        search.disableProperty().bind(vm.namespaceProperty().isNull());
        HBox searchBar = new HBox(6, prefix, search);
        searchBar.setAlignment(Pos.CENTER_LEFT);

        Button newKey = KvNamespacesView.button("kv-new-key", "New key", Feather.FILE_PLUS);
        writes.guard(newKey, vm.namespaceProperty().isNull());
        newKey.setOnAction(e -> value.startNew(vm.namespaceProperty().get()));
        Button importFile = KvNamespacesView.button("kv-import", "Import…", Feather.UPLOAD);
        writes.guard(importFile, vm.namespaceProperty().isNull().or(vm.transferringProperty()));
        importFile.setTooltip(new Tooltip("Write keys from a wrangler bulk JSON file"));
        importFile.setOnAction(e -> files.open("Import a wrangler bulk JSON file", importFile.getScene().getWindow())
                .ifPresent(vm::importFrom));
        Button export = KvNamespacesView.button("kv-export", "Export…", Feather.DOWNLOAD);
        export.disableProperty().bind(vm.namespaceProperty().isNull().or(vm.transferringProperty()));
        export.setTooltip(new Tooltip("Save the keys under the prefix, with values, as wrangler bulk JSON"));
        export.setOnAction(e -> files.save("Export keys as wrangler bulk JSON", vm.suggestedExportName(),
                export.getScene().getWindow()).ifPresent(vm::exportTo));
        Node actions = KvNamespacesView.buttonRow(newKey, importFile, export);

        ListView<KvKeyRow> list = new ListView<>();
        list.setId("kv-keys");
        list.itemsProperty().bind(vm.rowsProperty());
        list.setPlaceholder(new Label("No keys to show"));
        list.setCellFactory(v -> new KeyCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));
        VBox.setVgrow(list, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("kv-keys-summary");
        summary.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        summary.textProperty().bind(vm.summaryProperty());
        Label status = new Label();
        status.setId("kv-keys-status");
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        VBox box = new VBox(8, title, searchBar, actions, PanelProblemBanner.build(vm.problemProperty(), "kv-keys-problem"),
                list, summary, status);
        box.getStyleClass().add("kv-pane");
        return box;
    }

    /** A key (escaped where needed) with its expiration and a metadata mark; reports itself shown. */
    private final class KeyCell extends ListCell<KvKeyRow> {
        private final Label name = new Label();
        private final Label marks = new Label();
        private final HBox box = new HBox(8, name, new Spacer(), marks);

        KeyCell() {
            name.getStyleClass().add("kv-key-name");
            marks.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(KvKeyRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.display());
            String expires = row.expiration() == null ? "" : "expires " + KvValueFormats.expiration(row.expiration());
            marks.setText(expires + (row.metadataJson() == null ? "" : (expires.isEmpty() ? "" : " · ") + "metadata"));
            setGraphic(box);
            vm.rowShown(row.index());
        }
    }
}
