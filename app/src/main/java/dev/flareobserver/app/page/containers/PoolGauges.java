package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.PoolSample;
import java.util.List;
import java.util.function.ToIntFunction;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import atlantafx.base.theme.Styles;

/**
 * The pool of the chosen application: ready, allocated and starting against the target size, the batch
 * settings, and a small chart of the recent history (ready, allocated and starting over time, the target dashed).
 * Says plainly when the application has no pool.
 */
final class PoolGauges {

    private static final double CHART_H = 56;
    private static final double CHART_W = 300;

    private final VBox root = new VBox(8);
    private final Label title = new Label("Pool");
    private final Label none = new Label();
    private final GridPane bars = new GridPane();
    private final ProgressBar ready = bar("pool-ready");
    private final ProgressBar allocated = bar("pool-allocated");
    private final ProgressBar starting = bar("pool-starting");
    private final Label readyText = new Label();
    private final Label allocatedText = new Label();
    private final Label startingText = new Label();
    private final Label settings = new Label();
    private final Canvas chart = new Canvas(CHART_W, CHART_H);
    private final Label chartCaption = new Label();
    private final Region readySwatch = swatch(StatePalette.styleClass(InstanceState.RUNNING));
    private final Region startingSwatch = swatch(StatePalette.styleClass(InstanceState.PROVISIONING));
    private final Region allocatedSwatch = swatch("pool-allocated");
    private final Region targetSwatch = swatch("pool-target");
    private List<PoolSample> history = List.of();

    PoolGauges() {
        root.setId("containers-pool");
        root.getStyleClass().add("containers-pool");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        bars.setHgap(8);
        bars.setVgap(4);
        bars.addRow(0, new Label("Ready"), ready, readyText);
        bars.addRow(1, new Label("Allocated"), allocated, allocatedText);
        bars.addRow(2, new Label("Starting"), starting, startingText);
        readyText.setId("pool-ready-text");
        allocatedText.setId("pool-allocated-text");
        startingText.setId("pool-starting-text");
        GridPane.setHgrow(ready, Priority.ALWAYS);
        settings.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        settings.setWrapText(true);
        chartCaption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        for (Region r : List.of(readySwatch, startingSwatch, allocatedSwatch, targetSwatch)) {
            r.backgroundProperty().addListener((obs, old, now) -> drawChart());
        }
        root.setPadding(new Insets(0, 0, 4, 0));
        show(null);
    }

    private static ProgressBar bar(String id) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId(id);
        bar.setMaxWidth(Double.MAX_VALUE);
        return bar;
    }

    VBox node() {
        return root;
    }

    void show(ApplicationRow app) {
        ContainerPoolState pool = app == null ? null : app.pool();
        if (pool == null) {
            title.setText("Pool");
            none.setText(app == null ? "Choose an application to see its pool."
                    : app.name() + " has no pool: its instances are started by its instance count"
                    + (app.durableObjectManaged() ? " (or by its Durable Objects)." : "."));
            root.getChildren().setAll(title, none);
            history = List.of();
            return;
        }
        title.setText("Pool of " + app.name() + " — target " + pool.targetInstances());
        int target = Math.max(1, pool.targetInstances());
        ready.setProgress(Math.min(1, pool.ready() / (double) target));
        allocated.setProgress(Math.min(1, pool.allocated() / (double) target));
        starting.setProgress(Math.min(1, pool.starting() / (double) Math.max(1, pool.batchSize())));
        readyText.setText(pool.ready() + " of " + pool.targetInstances() + " target");
        allocatedText.setText(pool.allocated() + " in use");
        startingText.setText(pool.starting() + " of batch " + pool.batchSize());
        settings.setText("New members start " + pool.batchSize() + " at a time, " + pool.batchSpacingSeconds()
                + " s apart; an allocated member lives at most " + pool.maxLifetimeSeconds() + " s. "
                + pool.batches() + " batches so far, " + pool.orphansCleaned() + " orphans cleaned, "
                + pool.expired() + " expired. (Pool state is the emulator's pool manager; Cloudflare's API has none.)");
        history = app.poolHistory();
        chartCaption.setText(history.size() < 2 ? "History: collecting…"
                : "Last " + ContainersFormats.age(java.time.Duration.between(history.get(0).time(),
                history.get(history.size() - 1).time())) + ":");
        HBox key = new HBox(6, readySwatch, small("ready"), allocatedSwatch, small("allocated"),
                startingSwatch, small("starting"), targetSwatch, small("target"));
        key.setAlignment(Pos.CENTER_LEFT);
        VBox gauges = new VBox(6, bars, settings);
        HBox.setHgrow(gauges, Priority.ALWAYS);
        VBox history = new VBox(4, chartCaption, chart, key);
        history.setMinWidth(CHART_W);
        history.setMaxWidth(CHART_W);
        HBox row = new HBox(16, gauges, history);
        root.getChildren().setAll(title, row);
        drawChart();
    }

    private static Region swatch(String styleClass) {
        Region r = new Region();
        r.getStyleClass().addAll("state-swatch", "small-swatch", styleClass);
        return r;
    }

    private static Label small(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return l;
    }

    private static Paint fill(Region swatch) {
        return swatch.getBackground() == null || swatch.getBackground().getFills().isEmpty() ? Color.GRAY
                : swatch.getBackground().getFills().get(0).getFill();
    }

    private void drawChart() {
        GraphicsContext g = chart.getGraphicsContext2D();
        double w = chart.getWidth();
        g.clearRect(0, 0, w, CHART_H);
        g.setStroke(fill(targetSwatch));
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, w - 1, CHART_H - 1);
        if (history.size() < 2) {
            return;
        }
        int max = 1;
        for (PoolSample s : history) {
            max = Math.max(max, Math.max(s.target(), Math.max(s.ready(), Math.max(s.allocated(), s.starting()))));
        }
        g.setLineDashes(4, 4);
        line(g, w, max, PoolSample::target, fill(targetSwatch));
        g.setLineDashes((double[]) null);
        line(g, w, max, PoolSample::starting, fill(startingSwatch));
        line(g, w, max, PoolSample::allocated, fill(allocatedSwatch));
        line(g, w, max, PoolSample::ready, fill(readySwatch));
        g.setTextBaseline(VPos.TOP);
    }

    private void line(GraphicsContext g, double w, int max, ToIntFunction<PoolSample> value, Paint paint) {
        g.setStroke(paint);
        g.setLineWidth(2);
        g.beginPath();
        int n = history.size();
        for (int i = 0; i < n; i++) {
            double x = 2 + (w - 4) * i / (n - 1);
            double y = CHART_H - 4 - (CHART_H - 8) * value.applyAsInt(history.get(i)) / max;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
