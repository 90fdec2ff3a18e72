package dev.flareobserver.app.page.containers;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.deploy.BinaryReport;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The deploy wizard's window: binary and verdict, the form, then one row per step with its state, progress and
 * detail, the instances converging, Deploy / Cancel / Roll back. Not modal, so the page behind it shows the
 * instance tiles turning running while the deploy converges.
 */
final class DeployWizardView {

    private final DeployWizardViewModel vm;
    private final FileDialogs files;

    DeployWizardView(DeployWizardViewModel vm, FileDialogs files) {
        this.vm = vm;
        this.files = files;
    }

    Dialog<Void> dialog(Window owner) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Deploy a native binary as a container");
        dialog.setHeaderText("Deploy a native binary — no Docker needed");
        dialog.getDialogPane().setId("deploy-wizard");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);

        Button choose = new Button("Choose binary…");
        choose.setId("deploy-choose");
        Label file = new Label();
        file.setId("deploy-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> vm.binaryProperty().get() == null
                ? "a static linux/amd64 executable (Rust musl, Go, C)" : vm.binaryProperty().get().toString(),
                vm.binaryProperty()));
        file.getStyleClass().add(Styles.TEXT_MUTED);
        choose.setOnAction(e -> files.open("Binary to deploy", dialog.getDialogPane().getScene().getWindow())
                .ifPresent(vm::chooseBinary));
        Label verdict = new Label();
        verdict.setId("deploy-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        vm.reportProperty().addListener((obs, old, now) -> {
            verdict.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING, Styles.SUCCESS);
            if (now != null) {
                verdict.getStyleClass().add(now.verdict() == BinaryReport.Verdict.REFUSED ? Styles.DANGER
                        : now.verdict() == BinaryReport.Verdict.DYNAMIC ? Styles.WARNING : Styles.SUCCESS);
            }
        });

        ComboBox<String> app = new ComboBox<>();
        app.setId("deploy-app");
        app.setEditable(true);
        app.getItems().setAll(vm.existingApplications());
        app.setPromptText("new or existing application");
        app.getEditor().textProperty().bindBidirectional(vm.applicationProperty());
        app.setMaxWidth(Double.MAX_VALUE);
        TextField port = new TextField();
        port.setId("deploy-port");
        port.textProperty().bindBidirectional(vm.portProperty());
        TextField instances = new TextField();
        instances.setId("deploy-instances");
        instances.textProperty().bindBidirectional(vm.instancesProperty());
        TextArea env = new TextArea();
        env.setId("deploy-env");
        env.setPromptText("NAME=value, one per line");
        env.setPrefRowCount(3);
        env.textProperty().bindBidirectional(vm.environmentProperty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, fieldLabel("Application"), app);
        form.addRow(1, fieldLabel("Port"), port);
        form.addRow(2, fieldLabel("Instances"), instances);
        form.addRow(3, fieldLabel("Environment"), env);
        GridPane.setHgrow(app, Priority.ALWAYS);
        Label appHint = new Label("An existing application is modified and rolled out; a new name creates one.");
        appHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        GridPane steps = new GridPane();
        steps.setId("deploy-steps");
        steps.setHgap(10);
        steps.setVgap(6);
        int row = 0;
        for (DeployWizardViewModel.StepRow step : vm.steps()) {
            Label state = new Label();
            state.setId("deploy-step-" + step.step().name().toLowerCase(java.util.Locale.ROOT));
            state.setMinWidth(70);
            state.textProperty().bind(Bindings.createStringBinding(() ->
                    step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT), step.stateProperty()));
            step.stateProperty().addListener((obs, old, now) -> {
                state.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.ACCENT, Styles.TEXT_MUTED);
                state.getStyleClass().add(switch (now) {
                    case DONE -> Styles.SUCCESS;
                    case FAILED -> Styles.DANGER;
                    case RUNNING -> Styles.ACCENT;
                    default -> Styles.TEXT_MUTED;
                });
            });
            state.getStyleClass().add(Styles.TEXT_MUTED);
            ProgressBar bar = new ProgressBar();
            bar.setPrefWidth(120);
            bar.progressProperty().bind(Bindings.createDoubleBinding(() -> switch (step.stateProperty().get()) {
                case WAITING, SKIPPED -> 0.0;
                case DONE -> 1.0;
                default -> step.progressProperty().get() <= 0 ? ProgressBar.INDETERMINATE_PROGRESS
                        : step.progressProperty().get();
            }, step.stateProperty(), step.progressProperty()));
            Label detail = new Label();
            detail.setWrapText(true);
            detail.setMaxWidth(360);
            detail.getStyleClass().add(Styles.TEXT_SMALL);
            detail.textProperty().bind(step.detailProperty());
            steps.addRow(row++, state, new Label(step.step().title()), bar, detail);
        }
        Label converging = new Label();
        converging.setId("deploy-converging");
        converging.textProperty().bind(vm.convergingProperty());
        Label warnings = new Label();
        warnings.setId("deploy-warnings");
        warnings.setWrapText(true);
        warnings.getStyleClass().add(Styles.WARNING);
        warnings.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.warnings()),
                vm.warnings()));
        Label message = ContainersView.messageLabel("deploy-message", vm.messageProperty(),
                vm.messageIsErrorProperty());

        Button deploy = new Button("Deploy");
        deploy.setId("deploy-start");
        deploy.getStyleClass().add(Styles.ACCENT);
        deploy.disableProperty().bind(vm.runningProperty().or(vm.writableProperty().not())
                .or(Bindings.createBooleanBinding(() -> vm.reportProperty().get() == null
                        || !vm.reportProperty().get().deployable(), vm.reportProperty())));
        deploy.setOnAction(e -> vm.deploy());
        Button cancel = new Button("Cancel deploy");
        cancel.setId("deploy-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button rollback = new Button("Roll back");
        rollback.setId("deploy-rollback");
        rollback.getStyleClass().add(Styles.DANGER);
        rollback.visibleProperty().bind(vm.canRollbackProperty());
        rollback.managedProperty().bind(rollback.visibleProperty());
        rollback.disableProperty().bind(vm.runningProperty().or(vm.writableProperty().not()));
        rollback.setOnAction(e -> vm.rollback());
        Label locked = new Label(WriteLockModel.LOCKED_HINT);
        locked.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        locked.visibleProperty().bind(vm.writableProperty().not());
        locked.managedProperty().bind(locked.visibleProperty());
        HBox buttons = new HBox(8, deploy, cancel, rollback, locked);
        buttons.setAlignment(Pos.CENTER_LEFT);

        HBox pick = new HBox(10, choose, file);
        pick.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(10, section("1. Binary"), pick, verdict, section("2. Application"), form, appHint,
                section("3. Deploy"), buttons, steps, converging, warnings, message);
        content.setPrefWidth(720);
        dialog.getDialogPane().setContent(content);
        return dialog;
    }

    private static Label fieldLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }
}
