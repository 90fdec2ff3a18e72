package dev.flareobserver.app.page.containers;

import atlantafx.base.theme.Styles;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.InstanceRow;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Containers page's nodes: the applications table and the chosen application's pool on the left, the
 * instance grid with its legend in the middle, the chosen instance on the right; a status line that says whether
 * the data is fresh, stale (and how old) or failed.
 */
final class ContainersView {

    private final ContainersViewModel vm;
    private final Runnable openDeploy;
    private final ZoneId zone;
    private final StatePalette palette = new StatePalette();
    private final Timeline ticker;
    private TableView<ApplicationRow> table;
    private InstanceGrid grid;
    private boolean updatingTable;

    ContainersView(ContainersViewModel vm, Runnable openDeploy, ZoneId zone) {
        this.vm = vm;
        this.openDeploy = openDeploy;
        this.zone = zone;
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    Node build() {
        BorderPane root = new BorderPane();
        root.setId(PageId.CONTAINERS.pageId());
        root.getStyleClass().addAll("page", "containers-page");
        root.setTop(header());

        SplitPane split = new SplitPane(center(), new InstanceDetailView(vm, zone).build());
        split.setDividerPositions(0.62);
        split.getStyleClass().add("containers-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox body = new VBox(12, top(), split);
        root.setCenter(body);
        BorderPane.setMargin(body, new Insets(10, 0, 0, 0));

        vm.snapshotProperty().addListener((obs, old, now) -> showApplications());
        vm.gridProperty().addListener((obs, old, now) -> showGrid());
        vm.selectedInstanceIdProperty().addListener((obs, old, now) -> showGrid());
        showApplications();
        showGrid();
        return root;
    }

    void startTicking() {
        ticker.play();
    }

    void stopTicking() {
        ticker.stop();
    }

    private Node header() {
        Label title = new Label("Containers");
        title.getStyleClass().add(Styles.TITLE_3);
        Label status = new Label();
        status.setId("containers-status");
        status.setWrapText(true);
        status.getStyleClass().add("freshness");
        status.textProperty().bind(vm.statusTextProperty());
        vm.statusProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("stale", Styles.DANGER);
            if (now == ContainersViewModel.Status.STALE) {
                status.getStyleClass().add("stale");
            } else if (now == ContainersViewModel.Status.FAILED) {
                status.getStyleClass().add(Styles.DANGER);
            }
        });
        Label message = messageLabel("containers-message", vm.messageProperty(), vm.messageIsErrorProperty());
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("containers-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Button deploy = new Button("Deploy binary…", new FontIcon(Feather.UPLOAD_CLOUD));
        deploy.setId("containers-deploy");
        deploy.getStyleClass().add(Styles.ACCENT);
        deploy.disableProperty().bind(vm.writableProperty().not());
        deploy.setOnAction(e -> openDeploy.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, spacer, refresh, deploy);
        top.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, top, status, message);
    }

    /** The applications table, across the page. */
    private Node top() {
        table = new TableView<>();
        table.setId("containers-applications");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No applications"));
        table.getColumns().setAll(List.of(
                column("Name", ApplicationRow::name, 115),
                column("Running/max", ContainersFormats::running, 120),
                column("Image", a -> shortImage(a.image()), 130),
                column("Versions", ContainersFormats::versions, 100),
                column("vCPU / memory / disk", ContainersView::resources, 252),
                column("Rollout", ApplicationRow::rolloutState, 85),
                column("Pool", ContainersView::pool, 190)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!updatingTable) {
                vm.selectedApplicationIdProperty().set(now == null ? null : now.id());
            }
        });
        table.setPrefHeight(150);
        table.setMinHeight(100);
        Label title = new Label("Applications");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        return new VBox(6, title, table);
    }

    private Node center() {
        grid = new InstanceGrid(palette);
        grid.setOnSelect(id -> vm.selectedInstanceIdProperty().set(id));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label title = new Label();
        title.setId("containers-grid-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            ApplicationRow app = vm.selectedApplicationProperty().get();
            int n = vm.gridProperty().get().size();
            return (app == null ? "Instances of all applications" : "Instances of " + app.name()) + " (" + n + ")";
        }, vm.selectedApplicationProperty(), vm.gridProperty()));
        Button all = new Button("Show all");
        all.setId("containers-show-all");
        all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        all.visibleProperty().bind(vm.selectedApplicationProperty().isNotNull());
        all.setOnAction(e -> table.getSelectionModel().clearSelection());
        HBox titleRow = new HBox(8, title, all);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        Label empty = new Label();
        empty.setId("containers-grid-empty");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            if (!vm.gridProperty().get().isEmpty()) {
                return "";
            }
            ApplicationRow app = vm.selectedApplicationProperty().get();
            return app == null ? "No instances." : app.pool() != null ? "No instances yet: the pool starts its first "
                    + "batch shortly." : app.name() + " runs no instances.";
        }, vm.selectedApplicationProperty(), vm.gridProperty()));
        empty.visibleProperty().bind(empty.textProperty().isNotEmpty());
        empty.managedProperty().bind(empty.visibleProperty());
        PoolGauges pool = new PoolGauges();
        vm.selectedApplicationProperty().addListener((obs, old, now) -> pool.show(now));
        VBox box = new VBox(8, titleRow, palette.legend(), empty, scroll, pool.node());
        box.setPadding(new Insets(0, 12, 0, 0));
        return box;
    }

    private void showApplications() {
        updatingTable = true;
        try {
            table.getItems().setAll(vm.snapshotProperty().get().applications());
            String selected = vm.selectedApplicationIdProperty().get();
            if (selected != null) {
                for (ApplicationRow a : table.getItems()) {
                    if (a.id().equals(selected)) {
                        table.getSelectionModel().select(a);
                    }
                }
            }
        } finally {
            updatingTable = false;
        }
    }

    private void showGrid() {
        List<InstanceRow> instances = vm.gridProperty().get();
        grid.update(instances, vm.selectedInstanceIdProperty().get());
        Map<InstanceState, Integer> counts = new EnumMap<>(InstanceState.class);
        instances.forEach(i -> counts.merge(i.state(), 1, Integer::sum));
        palette.showCounts(counts);
    }

    /** A wrapping label showing a model's message, styled as danger while it is an error. */
    static Label messageLabel(String id, javafx.beans.value.ObservableValue<String> text,
                              javafx.beans.value.ObservableValue<Boolean> isError) {
        Label message = new Label();
        message.setId(id);
        message.setWrapText(true);
        message.textProperty().bind(text);
        isError.addListener((obs, old, now) -> {
            message.getStyleClass().remove(Styles.DANGER);
            if (now) {
                message.getStyleClass().add(Styles.DANGER);
            }
        });
        return message;
    }

    /** The grid, for UI tests (its tiles are drawn, not nodes). */
    InstanceGrid grid() {
        return grid;
    }

    private static TableColumn<ApplicationRow, String> column(String name, Function<ApplicationRow, String> value,
                                                             double width) {
        TableColumn<ApplicationRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static String resources(ApplicationRow app) {
        ContainerConfiguration c = app.application().configuration();
        if (c == null) {
            return "—";
        }
        Integer disk = c.disk() == null ? null : c.disk().sizeMb();
        if (c.vcpu() == null && c.memoryMib() == null && disk == null && !app.instances().isEmpty()) {
            InstanceRow i = app.instances().get(0);
            return ContainersFormats.resources(i.vcpu(), i.memoryMib(), i.diskMb(), c.instanceType());
        }
        return ContainersFormats.resources(c.vcpu(), c.memoryMib(), disk, c.instanceType());
    }

    private static String pool(ApplicationRow app) {
        ContainerPoolState p = app.pool();
        return p == null ? "no pool" : p.ready() + " ready · " + p.allocated() + " in use / " + p.targetInstances()
                + (p.starting() > 0 ? " · " + p.starting() + " starting" : "");
    }

    /** The repository and tag: the registry host and account id say little in a narrow column. */
    static String shortImage(String image) {
        if (image == null) {
            return "—";
        }
        int slash = image.lastIndexOf('/');
        return slash < 0 ? image : image.substring(slash + 1);
    }
}
