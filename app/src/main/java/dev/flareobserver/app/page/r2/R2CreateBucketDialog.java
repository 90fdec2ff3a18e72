package dev.flareobserver.app.page.r2;

import atlantafx.base.theme.Styles;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2StorageClass;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** "New bucket": name (checked while typing), location hint and default storage class. */
final class R2CreateBucketDialog {

    /** What the user asked for; a null hint leaves the placement to Cloudflare. */
    record Request(String name, R2Location locationHint, R2StorageClass storageClass) {
    }

    private R2CreateBucketDialog() {
    }

    static Optional<Request> ask(Window owner, Function<String, Optional<String>> nameProblem) {
        Dialog<Request> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("New R2 bucket");
        dialog.setHeaderText("Create an R2 bucket");
        dialog.getDialogPane().setId("r2-create-dialog");

        TextField name = new TextField();
        name.setId("r2-bucket-name");
        name.setPromptText("e.g. user-uploads");
        ChoiceBox<R2Location> location = new ChoiceBox<>(FXCollections.observableArrayList(
                Arrays.stream(R2Location.values()).filter(l -> l != R2Location.UNKNOWN).toList()));
        location.getItems().add(0, null);
        location.setId("r2-bucket-location");
        location.setConverter(converter(l -> l == null ? "Automatic" : describe(l)));
        location.setValue(null);
        ChoiceBox<R2StorageClass> storage = new ChoiceBox<>(FXCollections.observableArrayList(
                R2StorageClass.STANDARD, R2StorageClass.INFREQUENT_ACCESS));
        storage.setId("r2-bucket-class");
        storage.setConverter(converter(c -> c == R2StorageClass.INFREQUENT_ACCESS ? "Infrequent Access" : "Standard"));
        storage.setValue(R2StorageClass.STANDARD);
        Label problem = new Label();
        problem.setId("r2-bucket-name-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Location hint"), location);
        form.addRow(2, new Label("Storage class"), storage);
        VBox content = new VBox(12, form, problem);
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);

        ButtonType create = new ButtonType("Create", ButtonType.OK.getButtonData());
        dialog.getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
        Button createButton = (Button) dialog.getDialogPane().lookupButton(create);
        createButton.setId("r2-create-bucket-confirm");
        Runnable check = () -> {
            Optional<String> p = name.getText().isEmpty() ? Optional.empty() : nameProblem.apply(name.getText());
            problem.setText(p.orElse(""));
            createButton.setDisable(name.getText().isEmpty() || p.isPresent());
        };
        name.textProperty().addListener((obs, old, now) -> check.run());
        check.run();
        dialog.setResultConverter(button -> button == create
                ? new Request(name.getText(), location.getValue(), storage.getValue()) : null);
        Platform.runLater(name::requestFocus);
        return dialog.showAndWait();
    }

    static String describe(R2Location l) {
        return switch (l) {
            case APAC -> "Asia-Pacific (apac)";
            case EEUR -> "Eastern Europe (eeur)";
            case ENAM -> "Eastern North America (enam)";
            case WEUR -> "Western Europe (weur)";
            case WNAM -> "Western North America (wnam)";
            case OC -> "Oceania (oc)";
            case UNKNOWN -> "Unknown";
        };
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("choices only");
            }
        };
    }
}
