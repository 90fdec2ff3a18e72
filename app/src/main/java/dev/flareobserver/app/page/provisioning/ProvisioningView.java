package dev.flareobserver.app.page.provisioning;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.resources.FileDialogs;
import dev.flareobserver.app.page.resources.TypedConfirmDialog;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.provision.ApplyRecord;
import dev.flareobserver.orchestration.provision.ConfigFormat;
import dev.flareobserver.orchestration.provision.PlanItem;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Provisioning page: plan and apply, history, export. Binds to its ViewModel and calls its commands. */
final class ProvisioningView {

    private final ProvisioningViewModel model;
    private final FileDialogs files;

    ProvisioningView(ProvisioningViewModel model, FileDialogs files) {
        this.model = model;
        this.files = files;
    }

    Node build() {
        TabPane tabs = new TabPane(new Tab("Plan & apply", planTab()), new Tab("History", historyTab()),
                new Tab("Export", exportTab()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(1).setOnSelectionChanged(e -> {
            if (tabs.getTabs().get(1).isSelected()) {
                model.refreshHistory();
            }
        });
        tabs.setId("provision-tabs");
        Label status = new Label();
        status.setId("provision-status");
        status.textProperty().bind(model.statusProperty());
        Label problem = new Label();
        problem.setId("provision-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox root = new VBox(8, status, problem, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.setPadding(new Insets(12));
        return root;
    }

    private Node planTab() {
        Button open = new Button("Open config…");
        open.setId("provision-open");
        open.setOnAction(e -> files.open("Open a wrangler config", open.getScene().getWindow()).ifPresent(model::open));
        ComboBox<Path> recent = new ComboBox<>(model.recent());
        recent.setId("provision-recent");
        recent.setPromptText("Recent configs");
        recent.setOnAction(e -> {
            Path p = recent.getValue();
            if (p != null && !p.equals(model.configProperty().get())) {
                model.open(p);
            }
        });
        TextField env = new TextField();
        env.setId("provision-env");
        env.setPromptText("env (optional)");
        env.setPrefColumnCount(10);
        env.textProperty().bindBidirectional(model.envProperty());
        Button plan = new Button("Plan");
        plan.setId("provision-plan");
        plan.disableProperty().bind(model.configProperty().isNull().or(model.runningProperty()));
        plan.setOnAction(e -> model.plan());
        Button apply = new Button("Apply");
        apply.setId("provision-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(model.canApplyProperty().not());
        apply.setOnAction(e -> model.apply());
        lockHint(apply);
        HBox bar = new HBox(8, open, recent, env, plan, apply);

        TreeView<Object> tree = new TreeView<>();
        tree.setId("provision-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item instanceof PlanItem p
                        ? p.action() + "  " + p.desired().describe() + "  (" + p.desired().name() + ")" : item.toString());
            }
        });
        model.planProperty().addListener((obs, old, now) -> tree.setRoot(tree(now)));
        Label explanation = new Label("Select an item to see why.");
        explanation.setId("provision-explanation");
        explanation.setWrapText(true);
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> explanation.setText(
                now != null && now.getValue() instanceof PlanItem p
                        ? p.reason() + "\n" + p.desired().location() : "Select an item to see why."));

        ProgressBar progress = new ProgressBar();
        progress.setId("provision-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty().or(Bindings.isNotEmpty(model.log())));
        ListView<String> log = new ListView<>(model.log());
        log.setId("provision-log");
        log.setPrefHeight(160);
        log.setPlaceholder(new Label("The steps of an apply appear here, as they run."));
        // A TreeView has no placeholder: an empty tree says what to do instead of showing a blank box.
        Label noPlan = new Label("Open a wrangler config to see what applying it would create, keep, or report as drift.");
        noPlan.setWrapText(true);
        noPlan.visibleProperty().bind(model.planProperty().isNull());
        javafx.scene.layout.StackPane treeBox = new javafx.scene.layout.StackPane(tree, noPlan);
        VBox planBox = new VBox(6, treeBox, explanation);
        VBox.setVgrow(treeBox, Priority.ALWAYS);
        VBox logBox = new VBox(6, progress, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        SplitPane split = new SplitPane(planBox, logBox);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        VBox box = new VBox(8, bar, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static TreeItem<Object> tree(ProvisionPlan plan) {
        TreeItem<Object> root = new TreeItem<>("plan");
        if (plan == null) {
            return root;
        }
        for (ResourceKind kind : ResourceKind.values()) {
            var items = plan.items().stream().filter(i -> i.kind() == kind).toList();
            if (items.isEmpty()) {
                continue;
            }
            TreeItem<Object> group = new TreeItem<>(kind.label() + "s (" + items.size() + ")");
            group.setExpanded(true);
            items.forEach(i -> group.getChildren().add(new TreeItem<>(i)));
            root.getChildren().add(group);
        }
        return root;
    }

    private Node historyTab() {
        ListView<ApplyRecord> list = new ListView<>(model.history());
        list.setId("provision-history");
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ApplyRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.startedAt() + "  " + Path.of(r.header().configFile()).getFileName()
                        + "  " + (r.outcome() == null ? "UNFINISHED" : r.outcome()) + "  — " + r.progressSummary());
            }
        });
        ListView<String> lines = new ListView<>();
        lines.setId("provision-history-lines");
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                lines.getItems().setAll(now == null ? java.util.List.of() : now.lines()));
        Button resume = new Button("Resume");
        resume.setId("provision-resume");
        resume.disableProperty().bind(model.canChangeHistoryProperty().not().or(Bindings.createBooleanBinding(() -> {
            ApplyRecord r = list.getSelectionModel().getSelectedItem();
            return r == null || r.isFinished();
        }, list.getSelectionModel().selectedItemProperty())));
        resume.setOnAction(e -> model.resume(list.getSelectionModel().getSelectedItem()));
        Button rollback = new Button("Roll back…");
        rollback.setId("provision-rollback");
        rollback.getStyleClass().add(Styles.DANGER);
        rollback.disableProperty().bind(model.canChangeHistoryProperty().not().or(Bindings.createBooleanBinding(() -> {
            ApplyRecord r = list.getSelectionModel().getSelectedItem();
            return r == null || ApplyRecord.ROLLED_BACK.equals(r.outcome());
        }, list.getSelectionModel().selectedItemProperty())));
        rollback.setOnAction(e -> {
            ApplyRecord r = list.getSelectionModel().getSelectedItem();
            TypedConfirmDialog.ask(rollback.getScene().getWindow(), "apply", r.applyId(),
                    "Deletes what this apply created (" + r.progressSummary() + ") and restores the config it edited.")
                    .filter(r.applyId()::equals).ifPresent(typed -> model.rollback(r));
        });
        lockHint(resume);
        lockHint(rollback);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refreshHistory());
        SplitPane split = new SplitPane(list, lines);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        VBox box = new VBox(8, new HBox(8, resume, rollback, refresh), split);
        VBox.setVgrow(split, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private Node exportTab() {
        ComboBox<ConfigFormat> format = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(ConfigFormat.values()));
        format.setId("provision-export-format");
        format.valueProperty().bindBidirectional(model.exportFormatProperty());
        TextField worker = new TextField();
        worker.setId("provision-export-worker");
        worker.setPromptText("Worker (empty: the whole account)");
        worker.textProperty().bindBidirectional(model.exportWorkerProperty());
        Button export = new Button("Export");
        export.setId("provision-export");
        export.setOnAction(e -> model.export());
        TextArea text = new TextArea();
        text.setId("provision-export-text");
        text.setEditable(false);
        text.getStyleClass().add("monospace");
        text.textProperty().bind(model.exportTextProperty());
        Button copy = new Button("Copy");
        copy.setId("provision-copy");
        copy.disableProperty().bind(model.exportTextProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.exportTextProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = new Button("Save…");
        save.setId("provision-save");
        save.disableProperty().bind(model.exportTextProperty().isEmpty());
        save.setOnAction(e -> files.save("Save the exported config",
                model.exportFormatProperty().get() == ConfigFormat.TOML ? "wrangler.toml" : "wrangler.jsonc",
                save.getScene().getWindow()).ifPresent(p -> {
                    try {
                        Files.writeString(p, model.exportTextProperty().get(), StandardCharsets.UTF_8);
                        model.statusProperty().set("Saved " + p);
                    } catch (java.io.IOException ex) {
                        model.problemProperty().set("Could not save " + p + ": " + ex.getMessage());
                    }
                }));
        VBox box = new VBox(8, new HBox(8, format, worker, export, copy, save), text);
        VBox.setVgrow(text, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private void lockHint(Button button) {
        Tooltip hint = new Tooltip(WriteLockModel.LOCKED_HINT);
        model.unlockedProperty().addListener((obs, old, now) -> button.setTooltip(now ? null : hint));
        if (!model.unlockedProperty().get()) {
            button.setTooltip(hint);
        }
    }
}
