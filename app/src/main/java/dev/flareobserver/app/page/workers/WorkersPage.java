package dev.flareobserver.app.page.workers;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import java.time.ZoneId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Workers page: the Workers table, or the page of the Worker opened from it (or from the Overview). */
public final class WorkersPage implements Page {

    private final WorkersPageViewModel vm;
    private final ZoneId zone;
    private StackPane root;
    private Node list;

    public WorkersPage(WorkersPageViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
    }

    @Override
    public PageId id() {
        return PageId.WORKERS;
    }

    @Override
    public Node view() {
        if (root == null) {
            list = buildList();
            root = new StackPane();
            root.setId(PageId.WORKERS.pageId());
            root.getStyleClass().add("workers-page");
            vm.detailProperty().addListener((obs, old, now) -> showDetailOrList(now));
            showDetailOrList(vm.detailProperty().get());
        }
        return root;
    }

    private void showDetailOrList(WorkerDetailViewModel detail) {
        root.getChildren().setAll(detail == null ? list : new WorkerDetailView(detail, zone).build());
    }

    private Node buildList() {
        // The shell's header already says "Workers"; the page starts with how to use it.
        Label hint = new Label("Open a Worker with Enter or a double-click for its charts, deployments and rollback; "
                + "right-click (or Ctrl+L) to tail its live logs.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label freshness = new Label();
        freshness.setId("workers-freshness");
        freshness.getStyleClass().addAll(Styles.TEXT_SMALL, "freshness");
        freshness.textProperty().bind(vm.freshnessProperty());
        vm.staleProperty().addListener((obs, old, now) -> {
            freshness.getStyleClass().remove("stale");
            if (now) {
                freshness.getStyleClass().add("stale");
            }
        });
        HBox head = new HBox(12, hint, new Spacer(), freshness);
        head.setAlignment(Pos.CENTER_LEFT);

        WorkersTableView tableView = new WorkersTableView(vm.table());
        Node table = tableView.build();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(14, head, PanelProblemBanner.build(vm.problemProperty(), "workers-problem"), table);
        box.getStyleClass().addAll("page", "workers-list-page");
        return box;
    }

    @Override
    public void onShow() {
        vm.onShow();
    }

    @Override
    public void onHide() {
        vm.onHide();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }
}
