package dev.flareobserver.app.page.workers;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The typed confirmation of a rollback, shown over the Worker page. */
final class RollbackDialogView {

    private final WorkerDetailViewModel vm;
    private TextField input;

    RollbackDialogView(WorkerDetailViewModel vm) {
        this.vm = vm;
    }

    Node build(RollbackDialogModel m) {
        FontIcon icon = new FontIcon(Feather.ROTATE_CCW);
        icon.getStyleClass().add("dialog-icon");
        Label title = new Label(m.title(), icon);
        title.setId("rollback-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);

        Label summary = new Label(m.summary());
        summary.setId("rollback-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("rollback-summary");

        Label prompt = new Label(m.prompt());
        prompt.setWrapText(true);
        input = new TextField();
        input.setId("rollback-confirm-input");
        input.setPromptText(m.plan().scriptName());
        input.textProperty().bindBidirectional(m.typedProperty());
        input.disableProperty().bind(m.runningProperty());

        Label noteLabel = new Label("Deployment message");
        noteLabel.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        TextField note = new TextField();
        note.setId("rollback-message");
        note.textProperty().bindBidirectional(m.messageProperty());
        note.disableProperty().bind(m.runningProperty());

        Label error = new Label();
        error.setId("rollback-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(m.errorProperty());
        error.visibleProperty().bind(m.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(m.runningProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("rollback-cancel");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(m.runningProperty());
        cancel.setOnAction(e -> vm.cancelRollback());
        Button ok = new Button("Roll back");
        ok.setId("rollback-confirm");
        ok.getStyleClass().add(Styles.DANGER);
        ok.setDefaultButton(true);
        ok.disableProperty().bind(m.confirmEnabledProperty().not());
        ok.setOnAction(e -> vm.confirmRollback());
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && m.confirmEnabledProperty().get()) {
                vm.confirmRollback();
            }
        });

        HBox buttons = new HBox(10, spinner, new Spacer(), cancel, ok);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(12, title, summary, prompt, input, noteLabel, note, error, buttons);
        box.setId("rollback-dialog");
        box.getStyleClass().add("rollback-dialog");
        box.setMaxSize(520, VBox.USE_PREF_SIZE);
        box.setPrefWidth(520);
        return box;
    }

    void focus() {
        if (input != null) {
            TextField target = input;
            Platform.runLater(target::requestFocus);
        }
    }
}
