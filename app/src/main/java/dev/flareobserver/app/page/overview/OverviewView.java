package dev.flareobserver.app.page.overview;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.chart.TimeChart;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.workers.PanelProblemBanner;
import dev.flareobserver.app.page.workers.WindowSelector;
import dev.flareobserver.app.page.workers.WorkersTableView;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Builds the Overview page (summary line, tiles, load chart, Workers table) and binds it to its view model. */
final class OverviewView {

    private final OverviewViewModel vm;

    OverviewView(OverviewViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        Label heading = new Label();
        heading.textProperty().bind(vm.headingProperty());
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setId("overview-heading");

        // The connection summary, compact: the Settings page has the full details.
        Label summary = new Label();
        summary.setId("overview-summary");
        summary.getStyleClass().addAll(Styles.TEXT_MUTED, "overview-summary");
        summary.textProperty().bind(Bindings.createStringBinding(() -> String.join("  ·  ",
                        vm.subheadingProperty().get(), vm.stateProperty().get()),
                vm.subheadingProperty(), vm.stateProperty()));
        summary.setTooltip(new Tooltip());
        summary.getTooltip().textProperty().bind(Bindings.createStringBinding(() ->
                        "Account ID: " + vm.accountIdProperty().get() + "\nEndpoint: " + vm.endpointProperty().get()
                                + "\nCredential: " + vm.credentialProperty().get()
                                + "\nToken: " + vm.tokenStatusProperty().get(),
                vm.accountIdProperty(), vm.endpointProperty(), vm.credentialProperty(), vm.tokenStatusProperty()));

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.loadingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());

        Label freshness = new Label();
        freshness.setId("overview-freshness");
        freshness.textProperty().bind(vm.freshnessProperty());
        freshness.getStyleClass().addAll(Styles.TEXT_SMALL, "freshness");
        freshness.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        vm.staleProperty().addListener((obs, old, now) -> toggleClass(freshness, "stale", now));
        toggleClass(freshness, "stale", vm.staleProperty().get());

        HBox titleRow = new HBox(12, spinner, new VBox(2, heading, summary), new Spacer(), freshness,
                WindowSelector.build(vm.windowProperty(), "window-selector"));
        titleRow.setAlignment(Pos.CENTER_LEFT);

        GridPane tiles = new GridPane();
        tiles.setHgap(12);
        tiles.setVgap(12);
        tiles.getStyleClass().add("overview-tiles");
        tiles.add(tile(vm.requestsTile(), "tile-requests"), 0, 0);
        tiles.add(tile(vm.errorRateTile(), "tile-error-rate"), 1, 0);
        tiles.add(tile(vm.cpuTile(), "tile-cpu-p99"), 0, 1);
        tiles.add(tile(vm.failingTile(), "tile-workers-with-errors"), 1, 1);
        tiles.setMinWidth(440);
        tiles.setPrefWidth(440);

        // Requests and errors on their own value axes: on one axis a 0.2 % error rate is a flat line at zero.
        TimeChart requests = new TimeChart("req/min", ZoneId.systemDefault());
        requests.setId("load-chart-requests");
        requests.setPrefHeight(120);
        requests.setMinHeight(80);
        // The errors chart below carries the time labels for both.
        requests.getXAxis().setTickLabelsVisible(false);
        TimeChart errors = new TimeChart("err/min", ZoneId.systemDefault());
        errors.setId("load-chart-errors");
        errors.getStyleClass().add("errors-chart");
        errors.setPrefHeight(100);
        errors.setMinHeight(80);
        requests.setValueAxisWidth(58);
        errors.setValueAxisWidth(58);
        Runnable drawChart = () -> {
            OverviewViewModel.LoadChart c = vm.loadChartProperty().get();
            if (c != null) {
                requests.setWindow(c.from(), c.to());
                errors.setWindow(c.from(), c.to());
                requests.setSeries(c.series().stream().filter(x -> x.name().equals("Requests")).toList());
                errors.setSeries(c.series().stream().filter(x -> x.name().equals("Errors")).toList());
            }
        };
        vm.loadChartProperty().addListener((obs, old, now) -> drawChart.run());
        drawChart.run();
        VBox chartCard = new VBox(0, requests, errors);
        chartCard.setId("load-chart");
        chartCard.getStyleClass().addAll("summary-card", "chart-card", "load-chart");
        VBox.setVgrow(requests, Priority.ALWAYS);
        HBox.setHgrow(chartCard, Priority.ALWAYS);

        HBox top = new HBox(16, tiles, chartCard);
        top.setAlignment(Pos.TOP_LEFT);
        // The table below gets the rest of the height.
        top.setMaxHeight(Region.USE_PREF_SIZE);

        Node table = new WorkersTableView(vm.workers()).build();
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox root = new VBox(14, titleRow, PanelProblemBanner.build(vm.problemProperty(), "overview-problem"), top, table);
        root.getStyleClass().addAll("page", "overview-page");
        root.setId(PageId.OVERVIEW.pageId());
        return root;
    }

    private static Node tile(TileModel m, String id) {
        Label title = new Label(m.title());
        title.getStyleClass().addAll(Styles.TEXT_MUTED, "tile-title");
        Label stale = new Label();
        stale.getStyleClass().add("stale-badge");
        stale.textProperty().bind(m.staleProperty());
        stale.visibleProperty().bind(m.staleProperty().isNotEmpty());
        stale.managedProperty().bind(stale.visibleProperty());
        HBox head = new HBox(8, title, new Spacer(), stale);
        head.setAlignment(Pos.CENTER_LEFT);

        Label value = new Label();
        value.getStyleClass().add("tile-value");
        value.textProperty().bind(m.valueProperty());
        Label unit = new Label();
        unit.getStyleClass().add("tile-unit");
        unit.textProperty().bind(m.unitProperty());
        HBox figure = new HBox(6, value, unit);
        figure.setAlignment(Pos.BASELINE_LEFT);

        Label caption = new Label();
        caption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "tile-caption");
        caption.textProperty().bind(m.captionProperty());

        VBox tile = new VBox(4, head, figure, caption);
        tile.setId(id);
        tile.getStyleClass().addAll("summary-card", "tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(tile, Priority.ALWAYS);
        GridPane.setVgrow(tile, Priority.ALWAYS);
        Runnable tone = () -> {
            tile.getStyleClass().removeAll("tone-warn", "tone-critical");
            if (!m.toneProperty().get().isEmpty()) {
                tile.getStyleClass().add("tone-" + m.toneProperty().get());
            }
        };
        m.toneProperty().addListener((obs, old, now) -> tone.run());
        tone.run();
        return tile;
    }

    private static void toggleClass(Node n, String styleClass, boolean on) {
        n.getStyleClass().remove(styleClass);
        if (on) {
            n.getStyleClass().add(styleClass);
        }
    }
}
