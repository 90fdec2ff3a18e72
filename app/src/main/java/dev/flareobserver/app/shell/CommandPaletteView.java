package dev.flareobserver.app.shell;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Ctrl+K palette: a search field over a list of pages and accounts. */
final class CommandPaletteView {

    private static final double ROW_HEIGHT = 34;

    private final CommandPaletteViewModel vm;
    private final CustomTextField field = new CustomTextField();

    CommandPaletteView(CommandPaletteViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        field.setId("command-palette-query");
        field.setPromptText("Jump to a page or an account…");
        field.textProperty().bindBidirectional(vm.queryProperty());
        field.setLeft(new FontIcon(Feather.SEARCH));

        ListView<PaletteEntry> list = new ListView<>(vm.entries());
        list.setId("command-palette-list");
        // As tall as its rows (up to ten), so a short result is not a big empty box.
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(1, Math.min(10, vm.entries().size())) * ROW_HEIGHT + 4, vm.entries()));
        list.setFixedCellSize(ROW_HEIGHT);
        list.getStyleClass().add(Styles.DENSE);
        list.setCellFactory(lv -> new EntryCell());
        Runnable syncSelection = () -> {
            int i = vm.selectedIndexProperty().get();
            if (i >= 0) {
                list.getSelectionModel().select(i);
                list.scrollTo(i);
            } else {
                list.getSelectionModel().clearSelection();
            }
        };
        vm.selectedIndexProperty().addListener((obs, old, now) -> syncSelection.run());
        // Replacing the rows clears the list's selection even when the index stays the same.
        vm.entries().addListener((javafx.collections.ListChangeListener<PaletteEntry>) c -> syncSelection.run());
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> vm.select(now.intValue()));
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.activateSelected();
            }
        });

        VBox box = new VBox(8, field, list);
        box.setId("command-palette");
        box.getStyleClass().add("command-palette");
        box.setPadding(new Insets(10));
        box.setMaxSize(560, Region.USE_PREF_SIZE);
        box.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case DOWN -> { vm.moveSelection(1); e.consume(); }
                case UP -> { vm.moveSelection(-1); e.consume(); }
                case ENTER -> { vm.activateSelected(); e.consume(); }
                case ESCAPE -> { vm.hide(); e.consume(); }
                default -> { }
            }
        });
        return box;
    }

    void focus() {
        Platform.runLater(field::requestFocus);
    }

    private static final class EntryCell extends ListCell<PaletteEntry> {
        @Override
        protected void updateItem(PaletteEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            FontIcon icon = new FontIcon(item.kind() == PaletteEntry.Kind.PAGE ? item.page().icon() : Feather.USERS);
            Label label = new Label(item.label());
            Label detail = new Label(item.detail());
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            HBox spacer = new HBox();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(10, icon, label, spacer, detail);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
