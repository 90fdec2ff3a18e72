package dev.flareobserver.app.page.logs;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The detail pane of the Logs page: the selected event's JSON, indented, its exceptions, and Copy. */
final class EventDetailView {

    private final LogsViewModel vm;

    EventDetailView(LogsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        Label title = new Label();
        title.setId("logs-detail-title");
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "detail-title");
        title.setWrapText(true);
        title.textProperty().bind(vm.detailTitleProperty());
        HBox.setHgrow(title, Priority.ALWAYS);

        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setId("logs-detail-copy");
        copy.getStyleClass().addAll(Styles.SMALL);
        copy.setTooltip(new Tooltip("Copy the event's JSON to the clipboard"));
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.detailTextProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });

        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("logs-detail-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Close the detail pane"));
        close.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        close.setOnAction(e -> vm.select(null));

        HBox head = new HBox(8, title, new Spacer(), copy, close);
        head.setAlignment(Pos.TOP_LEFT);

        Label subtitle = new Label();
        subtitle.setId("logs-detail-subtitle");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED, "detail-subtitle");
        subtitle.textProperty().bind(vm.detailSubtitleProperty());
        subtitle.visibleProperty().bind(vm.detailSubtitleProperty().isNotEmpty());
        subtitle.managedProperty().bind(subtitle.visibleProperty());

        TextArea json = new TextArea();
        json.setId("logs-detail-json");
        json.setEditable(false);
        json.setWrapText(false);
        json.getStyleClass().add("detail-json");
        json.textProperty().bind(vm.detailTextProperty());
        VBox.setVgrow(json, Priority.ALWAYS);

        Label exTitle = new Label("Exceptions", new FontIcon(Feather.ALERT_OCTAGON));
        exTitle.getStyleClass().addAll(Styles.TEXT_BOLD, "detail-exceptions-title");
        TextArea exceptions = new TextArea();
        exceptions.setId("logs-detail-exceptions");
        exceptions.setEditable(false);
        exceptions.setWrapText(false);
        exceptions.setPrefRowCount(7);
        exceptions.getStyleClass().add("detail-exceptions");
        exceptions.textProperty().bind(vm.detailExceptionsProperty());
        VBox exBox = new VBox(4, exTitle, exceptions);
        exBox.visibleProperty().bind(vm.detailExceptionsProperty().isNotEmpty());
        exBox.managedProperty().bind(exBox.visibleProperty());

        VBox content = new VBox(8, head, subtitle, exBox, json);
        content.visibleProperty().bind(vm.selectedProperty().isNotNull());

        FontIcon icon = new FontIcon(Feather.MOUSE_POINTER);
        icon.getStyleClass().add("empty-icon");
        Label hint = new Label("Select an entry to see its request, headers, cf properties, logs and exceptions.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox empty = new VBox(10, icon, hint);
        empty.setAlignment(Pos.CENTER);
        empty.setMaxWidth(260);
        empty.visibleProperty().bind(vm.selectedProperty().isNull());

        StackPane root = new StackPane(content, empty);
        root.setId("logs-detail");
        root.getStyleClass().add("logs-detail");
        return root;
    }
}
