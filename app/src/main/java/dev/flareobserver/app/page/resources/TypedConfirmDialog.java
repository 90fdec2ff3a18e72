package dev.flareobserver.app.page.resources;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Type the name to delete it": the delete button stays disabled until the typed text equals the
 * resource's name exactly. Returns the typed text, which the service checks once more before any request.
 */
public final class TypedConfirmDialog {

    private TypedConfirmDialog() {
    }

    /**
     * @param kind    what is deleted, e.g. "KV namespace"
     * @param name    the exact name the user must type
     * @param summary what will happen, in a sentence or two
     * @return the typed name when confirmed; empty when cancelled
     */
    public static Optional<String> ask(Window owner, String kind, String name, String summary) {
        Dialog<String> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Delete " + kind);
        dialog.setHeaderText("Delete " + kind + " " + name + "?");

        Label what = new Label(summary);
        what.setWrapText(true);
        Label prompt = new Label("Type the " + kind + " name, " + name + ", to confirm.");
        prompt.setWrapText(true);
        TextField typed = new TextField();
        typed.setId("confirm-name");
        typed.setPromptText(name);
        VBox content = new VBox(10, what, prompt, typed);
        content.setPrefWidth(440);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("typed-confirm-dialog");

        ButtonType delete = new ButtonType("Delete", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(delete, ButtonType.CANCEL);
        Button deleteButton = (Button) dialog.getDialogPane().lookupButton(delete);
        deleteButton.setId("confirm-delete");
        deleteButton.getStyleClass().add(Styles.DANGER);
        deleteButton.disableProperty().bind(typed.textProperty().isNotEqualTo(name));
        dialog.setResultConverter(button -> button == delete ? typed.getText() : null);
        Platform.runLater(typed::requestFocus);
        return dialog.showAndWait();
    }
}
