package dev.flareobserver.app.page.workers;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.chart.ChartSeries;
import dev.flareobserver.app.chart.TimeChart;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Builds one Worker's page (charts with deployment markers, deployments, versions, rollback) and binds it. */
final class WorkerDetailView {

    private final WorkerDetailViewModel vm;
    private final ZoneId zone;

    WorkerDetailView(WorkerDetailViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
    }

    Node build() {
        Button back = new Button("Workers", new FontIcon(Feather.ARROW_LEFT));
        back.setId("worker-back");
        back.getStyleClass().addAll(Styles.FLAT);
        back.setTooltip(new Tooltip("Back to the Workers list"));
        back.setOnAction(e -> vm.back());

        Label name = new Label(vm.scriptName());
        name.setId("worker-name");
        name.getStyleClass().add(Styles.TITLE_3);
        Label active = new Label();
        active.setId("worker-active-version");
        active.getStyleClass().add(Styles.TEXT_MUTED);
        active.textProperty().bind(vm.activeVersionProperty().map(v -> "Active: " + v));
        VBox titles = new VBox(2, name, active);

        Label freshness = new Label();
        freshness.setId("worker-freshness");
        freshness.getStyleClass().addAll(Styles.TEXT_SMALL, "freshness");
        freshness.textProperty().bind(vm.freshnessProperty());
        freshness.textProperty().addListener((obs, old, now) -> {
            freshness.getStyleClass().remove("stale");
            if (now.startsWith("stale")) {
                freshness.getStyleClass().add("stale");
            }
        });

        Button tail = new Button("Tail this Worker", new FontIcon(Feather.TERMINAL));
        tail.setId("tail-worker");
        tail.setTooltip(new Tooltip("Open the Logs page tailing this Worker's live logs"));
        tail.setOnAction(e -> vm.tail());

        HBox head = new HBox(12, back, titles, new Spacer(), freshness,
                WindowSelector.build(vm.windowProperty(), "worker-window-selector"), tail);
        head.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("worker-status");
        status.setWrapText(true);
        status.getStyleClass().add("worker-status");
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        VBox content = new VBox(14, head, PanelProblemBanner.build(vm.problemProperty(), "worker-problem"), status,
                charts(), tables());
        content.getStyleClass().add("worker-detail-content");

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");

        ModalPane modal = new ModalPane();
        modal.setId("rollback-modal");
        // A destructive confirmation: a stray click outside does not dismiss it, Cancel does.
        modal.setPersistent(true);
        // Shown at once, where it ends up: the sliding entrance left a stale copy behind on software rendering.
        modal.setInTransitionFactory(null);
        modal.setOutTransitionFactory(null);
        RollbackDialogView dialog = new RollbackDialogView(vm);
        vm.rollbackDialogProperty().addListener((obs, old, now) -> {
            if (now != null) {
                modal.show(dialog.build(now));
                dialog.focus();
            } else {
                modal.hide(true);
            }
        });
        // A click outside closes the modal pane by itself; keep the view model in step.
        modal.displayProperty().addListener((obs, old, shown) -> {
            if (!shown) {
                vm.cancelRollback();
            }
        });

        StackPane root = new StackPane(scroll, modal);
        root.setId("page-worker-detail");
        root.getStyleClass().addAll("page", "worker-detail-page");
        return root;
    }

    private Node charts() {
        TimeChart requests = chart("req/min", "worker-chart-requests");
        TimeChart cpu = chart("CPU time, ms", "worker-chart-cpu");
        TimeChart wall = chart("Wall time, ms", "worker-chart-wall");
        TimeChart sub = chart("subrequests/min", "worker-chart-subrequests");
        requests.getStyleClass().add("status-chart");
        List<TimeChart> all = List.of(requests, cpu, wall, sub);
        Runnable draw = () -> {
            WorkerDetailViewModel.Charts c = vm.chartsProperty().get();
            if (c == null) {
                return;
            }
            List<List<ChartSeries>> series = List.of(c.requests(), c.cpu(), c.wall(), c.subrequests());
            for (int i = 0; i < all.size(); i++) {
                all.get(i).setWindow(c.from(), c.to());
                all.get(i).setSeries(series.get(i));
                all.get(i).setMarkers(c.markers());
            }
        };
        vm.chartsProperty().addListener((obs, old, now) -> draw.run());
        draw.run();

        GridPane grid = new GridPane();
        grid.setId("worker-charts");
        grid.setHgap(12);
        grid.setVgap(12);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            grid.getColumnConstraints().add(c);
        }
        grid.add(card("Requests by status", requests), 0, 0);
        grid.add(card("CPU time per invocation", cpu), 1, 0);
        grid.add(card("Wall time per invocation", wall), 0, 1);
        grid.add(card("Subrequests", sub), 1, 1);
        return grid;
    }

    private TimeChart chart(String unitLabel, String id) {
        TimeChart c = new TimeChart(unitLabel, zone);
        c.setId(id);
        c.setPrefHeight(200);
        c.setMinHeight(170);
        return c;
    }

    private static Node card(String title, Node body) {
        Label t = new Label(title);
        t.getStyleClass().addAll(Styles.TEXT_BOLD, "chart-title-label");
        VBox card = new VBox(4, t, body);
        card.getStyleClass().addAll("summary-card", "chart-card");
        return card;
    }

    private Node tables() {
        TableView<WorkerDetailViewModel.DeploymentRow> deployments = new TableView<>(vm.deployments());
        deployments.setId("deployments-table");
        deployments.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        deployments.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        deployments.getColumns().setAll(List.of(
                column("When", WorkerDetailViewModel.DeploymentRow::when, 190),
                column("Versions", WorkerDetailViewModel.DeploymentRow::versions, 100),
                column("Author", WorkerDetailViewModel.DeploymentRow::author, 200),
                column("Error % change", WorkerDetailViewModel.DeploymentRow::errorChange, 140),
                column("CPU p99 change", WorkerDetailViewModel.DeploymentRow::cpuChange, 140),
                column("Message", WorkerDetailViewModel.DeploymentRow::message, 220)));
        deployments.setPlaceholder(muted("No deployments in the data yet."));
        fitRows(deployments);

        TableView<WorkerDetailViewModel.VersionRow> versions = new TableView<>(vm.versions());
        versions.setId("versions-table");
        versions.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        versions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        versions.getColumns().setAll(List.of(
                column("Version", r -> r.label() + (r.active() ? "  ● active" : ""), 100),
                column("Created", WorkerDetailViewModel.VersionRow::created, 190),
                column("Author", WorkerDetailViewModel.VersionRow::author, 200),
                column("Source", WorkerDetailViewModel.VersionRow::source, 90),
                column("Message", WorkerDetailViewModel.VersionRow::message, 300)));
        versions.setPlaceholder(muted("No versions in the data yet."));
        fitRows(versions);
        versions.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(WorkerDetailViewModel.VersionRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("active-version"),
                        !empty && item != null && item.active());
            }
        });
        versions.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (vm.selectedVersionProperty().get() != now) {
                vm.selectedVersionProperty().set(now);
            }
        });
        vm.selectedVersionProperty().addListener((obs, old, now) -> {
            if (versions.getSelectionModel().getSelectedItem() != now) {
                if (now == null) {
                    versions.getSelectionModel().clearSelection();
                } else {
                    versions.getSelectionModel().select(now);
                }
            }
        });

        Button rollback = new Button("Roll back…", new FontIcon(Feather.ROTATE_CCW));
        rollback.setId("rollback-button");
        rollback.disableProperty().bind(vm.rollbackEnabledProperty().not());
        rollback.setTooltip(new Tooltip("Deploy the selected version at 100 %, after a typed confirmation"));
        rollback.setOnAction(e -> vm.requestRollback());

        Label depTitle = new Label("Deployments");
        depTitle.getStyleClass().add(Styles.TITLE_4);
        Label verTitle = new Label("Versions");
        verTitle.getStyleClass().add(Styles.TITLE_4);
        HBox verHead = new HBox(10, verTitle, new Spacer(), rollback);
        verHead.setAlignment(Pos.CENTER_LEFT);
        HBox depHead = new HBox(10, depTitle);
        depHead.setAlignment(Pos.CENTER_LEFT);

        VBox depBox = new VBox(8, depHead, deployments);
        VBox verBox = new VBox(8, verHead, versions);
        return new VBox(16, depBox, verBox);
    }

    /** As tall as its rows (up to eight), so a Worker with three deployments has no empty box under them. */
    private static void fitRows(TableView<?> table) {
        table.setFixedCellSize(30);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> 36.0 + 30 * Math.max(2, Math.min(8, table.getItems().size())), table.getItems()));
        table.minHeightProperty().bind(table.prefHeightProperty());
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
