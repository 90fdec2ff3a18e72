package dev.flareobserver.app.page.containers;

import atlantafx.base.theme.Styles;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.NameValue;
import dev.flareobserver.app.page.resources.TypedConfirmDialog;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.InstanceRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The chosen instance: what it is and where it runs, its metrics, its live output, and the actions (stop, delete
 * with the typed name, exec a command, fetch a path), each disabled while writes are locked.
 */
final class InstanceDetailView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ContainersViewModel vm;
    private final ZoneId zone;
    private final VBox root = new VBox(10);
    private final Label empty = new Label("Click a tile to see the instance: its environment, ports, uptime, "
            + "metrics and live output, and to stop, delete, exec or fetch.");
    private final GridPane facts = new GridPane();
    private final VBox content = new VBox(10);
    private final java.util.Map<String, Label> factRows = new java.util.HashMap<>();
    private final Label title = section("Instance");

    InstanceDetailView(ContainersViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
    }

    Node build() {
        root.setId("containers-detail");
        root.getStyleClass().add("containers-detail");
        root.setPadding(new Insets(0, 0, 0, 12));
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        facts.setHgap(10);
        facts.setVgap(3);
        // Every row once, in this order; show() fills them in.
        for (String name : List.of("Instance", "Id", "Application", "State", "Location", "Uptime", "Pool", "Image",
                "Resources", "CPU", "Memory", "Ports", "Environment")) {
            fact(0, name, null);
        }

        Button stop = new Button("Stop");
        stop.setId("instance-stop");
        Button delete = new Button("Delete…");
        delete.setId("instance-delete");
        delete.getStyleClass().add(Styles.DANGER);
        for (Button b : List.of(stop, delete)) {
            b.disableProperty().bind(vm.writableProperty().not());
        }
        stop.setOnAction(e -> confirmStop(stop));
        delete.setOnAction(e -> confirmDelete(delete));
        HBox actions = new HBox(8, stop, delete);
        actions.setAlignment(Pos.CENTER_LEFT);

        TextField command = new TextField();
        command.setId("instance-exec-command");
        command.setPromptText("command, e.g. ls -l /");
        Button run = new Button("Exec");
        run.setId("instance-exec");
        TextField path = new TextField("/");
        path.setId("instance-fetch-path");
        path.setPromptText("/health");
        Button fetch = new Button("Fetch");
        fetch.setId("instance-fetch");
        for (Button b : List.of(run, fetch)) {
            b.disableProperty().bind(vm.writableProperty().not());
            Tooltip.install(b, new Tooltip("Reaches the running instance, so it is audited and locked like a write."));
        }
        run.setOnAction(e -> withInstance(i -> vm.exec(i, command.getText())));
        command.setOnAction(e -> run.fire());
        fetch.setOnAction(e -> withInstance(i -> vm.fetch(i, path.getText())));
        path.setOnAction(e -> fetch.fire());
        HBox.setHgrow(command, Priority.ALWAYS);
        HBox.setHgrow(path, Priority.ALWAYS);
        TextArea execOut = result("instance-exec-result", vm.execResultProperty());
        TextArea fetchOut = result("instance-fetch-result", vm.fetchResultProperty());

        Label locked = new Label(WriteLockModel.LOCKED_HINT);
        locked.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        locked.setWrapText(true);
        locked.visibleProperty().bind(vm.writableProperty().not());
        locked.managedProperty().bind(locked.visibleProperty());

        Label outputTitle = section("Live output");
        Label outputStatus = new Label();
        outputStatus.setId("instance-output-status");
        outputStatus.setWrapText(true);
        outputStatus.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        outputStatus.textProperty().bind(vm.outputStatusProperty());
        ListView<String> output = new ListView<>(vm.output());
        output.setId("instance-output");
        output.getStyleClass().addAll(Styles.DENSE, "instance-output");
        output.setPrefHeight(160);
        output.setPlaceholder(new Label("No output yet"));
        vm.output().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!vm.output().isEmpty()) {
                output.scrollTo(vm.output().size() - 1);
            }
        });

        content.getChildren().setAll(facts, section("Actions"), actions, locked,
                new HBox(8, command, run), execOut, new HBox(8, path, fetch), fetchOut,
                outputTitle, outputStatus, output);
        VBox.setVgrow(output, Priority.ALWAYS);

        vm.selectedInstanceProperty().addListener((obs, old, now) -> show(now));
        show(vm.selectedInstanceProperty().get());
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private static TextArea result(String id, javafx.beans.value.ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setPrefRowCount(4);
        area.getStyleClass().add("instance-result");
        area.textProperty().bind(text);
        area.visibleProperty().bind(area.textProperty().isNotEmpty());
        area.managedProperty().bind(area.visibleProperty());
        return area;
    }

    private void withInstance(java.util.function.Consumer<InstanceRow> action) {
        InstanceRow i = vm.selectedInstanceProperty().get();
        if (i != null) {
            action.accept(i);
        }
    }

    private void show(InstanceRow i) {
        if (i == null) {
            root.getChildren().setAll(title, empty);
            return;
        }
        factRows.values().forEach(l -> l.setText(null));
        ApplicationRow app = vm.snapshotProperty().get().application(i.applicationId()).orElse(null);
        int row = 0;
        row = fact(row, "Instance", i.confirmationName());
        if (i.name() != null && !i.name().isBlank()) {
            row = fact(row, "Id", i.id());
        }
        row = fact(row, "Application", i.applicationName());
        row = fact(row, "State", ContainersFormats.state(i.state())
                + (i.exitCode() == null ? "" : " (exit code " + i.exitCode() + ")")
                + (i.stateSince() == null ? "" : " since " + TIME.format(i.stateSince().atZone(zone))));
        row = fact(row, "Location", (i.location() == null ? "—" : i.location())
                + (i.region() == null ? "" : " (" + i.region() + ")"));
        row = fact(row, "Uptime", i.uptime(vm.clock().instant()) == null ? "not running"
                : ContainersFormats.age(i.uptime(vm.clock().instant()))
                + (i.startedAt() == null ? "" : " (started " + TIME.format(i.startedAt().atZone(zone)) + ")"));
        if (i.poolStatus() != null) {
            row = fact(row, "Pool", i.poolStatus());
        }
        row = fact(row, "Image", i.image() == null ? "—" : i.image());
        row = fact(row, "Resources", ContainersFormats.resources(i.vcpu(), i.memoryMib(), i.diskMb(), null));
        row = fact(row, "CPU", ContainersFormats.cpu(i.metrics()));
        row = fact(row, "Memory", ContainersFormats.memory(i.metrics()));
        ContainerConfiguration config = app == null ? null : app.application().configuration();
        List<NameValue> env = config == null || config.environmentVariables() == null ? List.of()
                : config.environmentVariables();
        row = fact(row, "Ports", ports(env));
        fact(row, "Environment", env.isEmpty() ? "none configured"
                : String.join("\n", env.stream().map(e -> e.name() + "=" + e.value()).toList()));
        if (!root.getChildren().contains(content)) {
            root.getChildren().setAll(title, content);
        }
    }

    /** The API names no ports; the instance listens on {@code PORT} (Cloudflare sets it, 8080 unless configured). */
    private static String ports(List<NameValue> env) {
        Optional<String> port = env.stream().filter(e -> e.name().equals("PORT")).map(NameValue::value).findFirst();
        return port.map(p -> p + " (PORT, as configured)").orElse("8080 (PORT, Cloudflare's default)");
    }

    /**
     * Sets one fact; its row is made once and then updated in place (a refresh re-sets the same rows, so no nodes
     * are created per refresh). Rows whose value is null are hidden.
     */
    private int fact(int row, String name, String value) {
        Label v = factRows.computeIfAbsent(name, n -> {
            Label key = new Label(n);
            key.getStyleClass().add(Styles.TEXT_MUTED);
            key.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label label = new Label();
            label.setWrapText(true);
            label.setId("instance-" + n.toLowerCase(java.util.Locale.ROOT));
            for (Label l : List.of(key, label)) {
                l.visibleProperty().bind(label.textProperty().isNotNull());
                l.managedProperty().bind(l.visibleProperty());
            }
            facts.addRow(factRows.size(), key, label);
            return label;
        });
        v.setText(value);
        return row + 1;
    }

    private void confirmStop(Node owner) {
        withInstance(i -> {
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The instance gets SIGTERM, then SIGKILL after its "
                    + "grace period. Its application (instance count or pool) starts a replacement.",
                    ButtonType.OK, ButtonType.CANCEL);
            alert.initOwner(owner.getScene().getWindow());
            alert.setHeaderText("Stop instance " + i.confirmationName() + "?");
            alert.getDialogPane().setId("instance-stop-dialog");
            ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText("Stop");
            if (alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
                vm.stop(i);
            }
        });
    }

    private void confirmDelete(Node owner) {
        withInstance(i -> TypedConfirmDialog.ask(owner.getScene().getWindow(), "instance", i.confirmationName(),
                "The instance is stopped and removed. An application scheduled by instance count runs one instance"
                        + " fewer from now on; a pool starts a new member.")
                .ifPresent(typed -> vm.delete(i, typed)));
    }
}
