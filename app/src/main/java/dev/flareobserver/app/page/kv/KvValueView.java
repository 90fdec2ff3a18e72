package dev.flareobserver.app.page.kv;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.workers.PanelProblemBanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The value pane: key, size and expiration, the view switch (text, JSON, hex, image), the value itself (an editor
 * when it is text), metadata, expiration, and Save / Delete / Replace from file / Save to file.
 */
final class KvValueView {

    private final KvValueViewModel vm;
    private final KvWriteButtons writes;
    private final FileDialogs files;

    KvValueView(KvValueViewModel vm, KvWriteButtons writes, FileDialogs files) {
        this.vm = vm;
        this.writes = writes;
        this.files = files;
    }

    Node build() {
        Label title = new Label("Value");
        title.getStyleClass().add(Styles.TITLE_4);

        Label keyName = new Label();
        keyName.setId("kv-key-name");
        keyName.getStyleClass().addAll(Styles.TEXT_BOLD, "kv-key-name");
        keyName.setWrapText(true);
        keyName.textProperty().bind(vm.keyDisplayProperty());
        keyName.visibleProperty().bind(vm.creatingProperty().not());
        keyName.managedProperty().bind(keyName.visibleProperty());
        TextField keyField = new TextField();
        keyField.setId("kv-key-field");
        keyField.setPromptText("Key name (at most 512 bytes)");
        keyField.textProperty().bindBidirectional(vm.keyProperty());
        keyField.visibleProperty().bind(vm.creatingProperty());
        keyField.managedProperty().bind(keyField.visibleProperty());
        Label info = new Label();
        info.setId("kv-value-info");
        info.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        info.textProperty().bind(vm.infoProperty());

        HBox modes = modeSwitch();

        TextArea editor = new TextArea();
        editor.setId("kv-value-editor");
        editor.getStyleClass().add("kv-mono");
        editor.textProperty().bindBidirectional(vm.editTextProperty());
        BooleanBinding editing = vm.modeProperty().isEqualTo(KvViewMode.TEXT).and(vm.textEditableProperty());
        editor.visibleProperty().bind(editing);
        TextArea viewer = new TextArea();
        viewer.setId("kv-value-viewer");
        viewer.setEditable(false);
        viewer.getStyleClass().add("kv-mono");
        viewer.textProperty().bind(vm.renderedProperty());
        viewer.visibleProperty().bind(editing.not().and(vm.modeProperty().isNotEqualTo(KvViewMode.IMAGE)));
        ImageView image = new ImageView();
        image.setPreserveRatio(true);
        ScrollPane imagePane = new ScrollPane(image);
        imagePane.setId("kv-value-image");
        imagePane.visibleProperty().bind(vm.modeProperty().isEqualTo(KvViewMode.IMAGE));
        vm.valueProperty().addListener((obs, old, now) -> image.setImage(now != null && KvValueFormats.isImage(now)
                ? new Image(new ByteArrayInputStream(now)) : null));
        StackPane content = new StackPane(editor, viewer, imagePane);
        content.setMinHeight(120);
        VBox.setVgrow(content, Priority.ALWAYS);

        Label metaLabel = new Label("Metadata (JSON, at most 1024 bytes)");
        metaLabel.getStyleClass().add(Styles.TEXT_SMALL);
        TextArea metadata = new TextArea();
        metadata.setId("kv-metadata");
        metadata.getStyleClass().add("kv-mono");
        metadata.setPrefRowCount(3);
        metadata.setPromptText("{\"owner\": \"team-a\"}");
        metadata.textProperty().bindBidirectional(vm.metadataProperty());

        ChoiceBox<KvExpiryChoice> expiry = new ChoiceBox<>();
        expiry.setId("kv-expiry-choice");
        expiry.getItems().setAll(KvExpiryChoice.values());
        expiry.valueProperty().bindBidirectional(vm.expiryProperty());
        TextField expiryText = new TextField();
        expiryText.setId("kv-expiry-text");
        expiryText.promptTextProperty().bind(Bindings.createStringBinding(
                () -> vm.expiryProperty().get() == KvExpiryChoice.TTL ? "seconds, at least 60"
                        : vm.expiryProperty().get() == KvExpiryChoice.AT ? "yyyy-MM-dd HH:mm:ss (UTC)" : "",
                vm.expiryProperty()));
        expiryText.textProperty().bindBidirectional(vm.expiryTextProperty());
        expiryText.disableProperty().bind(vm.expiryProperty().isEqualTo(KvExpiryChoice.NEVER));
        HBox.setHgrow(expiryText, Priority.ALWAYS);
        HBox expiryRow = new HBox(6, expiry, expiryText);
        expiryRow.setAlignment(Pos.CENTER_LEFT);

        Button save = KvNamespacesView.button("kv-save", "Save", Feather.SAVE);
        save.getStyleClass().add(Styles.ACCENT);
        writes.guard(save, vm.openProperty().not().or(vm.busyProperty()));
        save.setOnAction(e -> vm.save());
        Button delete = KvNamespacesView.button("kv-delete", "Delete…", Feather.TRASH_2);
        delete.getStyleClass().add(Styles.DANGER);
        writes.guard(delete, vm.openProperty().not().or(vm.busyProperty()).or(vm.creatingProperty()));
        delete.setOnAction(e -> {
            if (confirmDelete()) {
                vm.delete();
            }
        });
        Button replace = KvNamespacesView.button("kv-replace", "Replace…", Feather.UPLOAD);
        replace.setTooltip(new Tooltip("Replace the value with a file's bytes (for binary values)"));
        writes.guard(replace, vm.openProperty().not().or(vm.busyProperty()));
        replace.setOnAction(e -> files.open("Replace the value with a file's bytes", replace.getScene().getWindow())
                .ifPresent(this::replaceFrom));
        Button download = KvNamespacesView.button("kv-download", "Download…", Feather.DOWNLOAD);
        download.setTooltip(new Tooltip("Save the value's exact bytes to a file"));
        download.disableProperty().bind(vm.openProperty().not().or(vm.creatingProperty()));
        download.setOnAction(e -> files.save("Save the value to a file", "value.bin", download.getScene().getWindow())
                .ifPresent(vm::saveValueTo));
        Node buttons = KvNamespacesView.buttonRow(save, delete, replace, download);

        Label status = new Label();
        status.setId("kv-value-status");
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.textProperty().bind(vm.statusProperty());

        VBox box = new VBox(8, title, keyName, keyField, info, modes, content, metaLabel, metadata, expiryRow, buttons,
                PanelProblemBanner.build(vm.problemProperty(), "kv-value-problem"), status);
        box.getStyleClass().add("kv-pane");
        box.disableProperty().bind(vm.openProperty().not());
        return box;
    }

    private HBox modeSwitch() {
        ToggleGroup group = new ToggleGroup();
        Map<KvViewMode, ToggleButton> buttons = new EnumMap<>(KvViewMode.class);
        HBox box = new HBox();
        box.getStyleClass().add("kv-modes");
        for (KvViewMode mode : KvViewMode.values()) {
            ToggleButton b = new ToggleButton(mode.label());
            b.setId("kv-mode-" + mode.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add(Styles.SMALL);
            b.setToggleGroup(group);
            b.setUserData(mode);
            b.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.modesProperty().get().contains(mode),
                    vm.modesProperty()));
            buttons.put(mode, b);
            box.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(buttons.get(vm.modeProperty().get()));
            } else if (now.getUserData() != vm.modeProperty().get()) {
                vm.modeProperty().set((KvViewMode) now.getUserData());
            }
        });
        vm.modeProperty().addListener((obs, old, now) -> group.selectToggle(buttons.get(now)));
        group.selectToggle(buttons.get(vm.modeProperty().get()));
        return box;
    }

    private void replaceFrom(Path file) {
        try {
            vm.replaceValue(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, "Could not read " + file + ": " + e.getMessage(), ButtonType.OK);
            alert.showAndWait();
        }
    }

    private boolean confirmDelete() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Delete key");
        confirm.setHeaderText("Delete the key " + vm.keyDisplayProperty().get() + "?");
        confirm.setContentText("From namespace " + vm.namespaceProperty().get().title() + ". This cannot be undone.");
        confirm.getDialogPane().setId("kv-delete-key-dialog");
        Optional<ButtonType> answer = confirm.showAndWait();
        return answer.isPresent() && answer.get() == ButtonType.OK;
    }
}
