package dev.flareobserver.app.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * A line chart over time as the pages need it: a window-sized time axis ({@link TimeAxis}), the unit in
 * the value axis label, no animation, at most {@link ChartSeries#MAX_POINTS} points a line, a crosshair
 * with the values under the pointer, and vertical markers (deployments) with their details on hover.
 *
 * <p>Lines are updated in place (one {@code setAll} per line) so a refresh does not rebuild the chart.
 */
public final class TimeChart extends LineChart<Number, Number> {

    private static final DateTimeFormatter HOVER_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ROOT);

    private final TimeAxis time;
    private final NumberAxis values;
    private List<ChartSeries> shown = List.of();
    private final List<MarkerNode> markers = new ArrayList<>();
    private final Line crosshair = new Line();
    private final Label hover = new Label();
    private Instant hoverAt;

    public TimeChart(String valueAxisLabel, ZoneId zone) {
        super(new TimeAxis(zone), new NumberAxis());
        time = (TimeAxis) getXAxis();
        values = (NumberAxis) getYAxis();
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        setHorizontalZeroLineVisible(false);
        setVerticalGridLinesVisible(false);
        getStyleClass().add("time-chart");
        values.setLabel(valueAxisLabel);
        values.setAnimated(false);
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        values.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return compact(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });

        crosshair.getStyleClass().add("chart-crosshair");
        hover.getStyleClass().add("chart-hover-label");
        for (Node n : List.of(crosshair, hover)) {
            n.setManaged(false);
            n.setMouseTransparent(true);
            n.setVisible(false);
        }
        getPlotChildren().addAll(crosshair, hover);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::pointerMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideHover());
    }

    /** A fixed width for the value axis, so charts stacked above each other share their time positions. */
    public void setValueAxisWidth(double width) {
        values.setMinWidth(width);
        values.setPrefWidth(width);
        values.setMaxWidth(width);
    }

    /** The visible time range (the chosen window, ending now). */
    public void setWindow(Instant from, Instant to) {
        time.setWindow(from, to);
    }

    /** Replaces the lines; lines keep their position (and colour) while their names stay the same. */
    public void setSeries(List<ChartSeries> series) {
        List<ChartSeries> capped = series.stream().map(s -> s.capped(ChartSeries.MAX_POINTS)).toList();
        boolean sameLines = capped.size() == getData().size();
        for (int i = 0; sameLines && i < capped.size(); i++) {
            sameLines = capped.get(i).name().equals(getData().get(i).getName());
        }
        if (sameLines) {
            for (int i = 0; i < capped.size(); i++) {
                getData().get(i).getData().setAll(points(capped.get(i)));
            }
        } else {
            List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
            for (ChartSeries s : capped) {
                XYChart.Series<Number, Number> line = new XYChart.Series<>();
                line.setName(s.name());
                line.getData().setAll(points(s));
                lines.add(line);
            }
            getData().setAll(lines);
        }
        setLegendVisible(capped.size() > 1);
        shown = capped;
        if (hoverAt != null) {
            showHoverAt(hoverAt);
        }
    }

    /** Replaces the vertical markers. */
    public void setMarkers(List<ChartMarker> next) {
        markers.forEach(m -> getPlotChildren().remove(m.node));
        markers.clear();
        int i = 0;
        for (ChartMarker m : next) {
            MarkerNode node = new MarkerNode(m, i++);
            markers.add(node);
            getPlotChildren().add(node.node);
        }
        // The crosshair and its label stay on top of the markers.
        crosshair.toFront();
        hover.toFront();
        requestChartLayout();
    }

    /** The marker nodes (style class {@code deployment-marker}), for tests and the page's own lookups. */
    public List<Node> markerNodes() {
        return markers.stream().map(m -> (Node) m.node).toList();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        double height = values.getHeight();
        for (MarkerNode m : markers) {
            double v = m.marker.at().toEpochMilli();
            boolean inside = v >= time.getLowerBound() && v <= time.getUpperBound();
            m.node.setVisible(inside);
            if (inside) {
                double x = time.getDisplayPosition(v);
                m.node.resizeRelocate(x - 4, 0, 8, height);
                m.line.setStartX(4);
                m.line.setEndX(4);
                m.line.setStartY(0);
                m.line.setEndY(height);
                m.flag.autosize();
                // Near the right edge the flag goes to the left of its line, where the plot has room.
                boolean flip = x + 6 + m.flag.getWidth() > time.getWidth();
                m.flag.relocate(flip ? 2 - m.flag.getWidth() : 6, 2);
            }
        }
        if (hoverAt != null) {
            showHoverAt(hoverAt);
        }
    }

    private void pointerMoved(MouseEvent e) {
        double x = time.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
        if (shown.isEmpty() || x < 0 || x > time.getWidth()) {
            hideHover();
            return;
        }
        Instant at = Instant.ofEpochMilli(time.getValueForDisplay(x).longValue());
        ChartPoint nearest = nearest(shown.get(0).points(), at);
        if (nearest == null) {
            hideHover();
            return;
        }
        showHoverAt(nearest.time());
    }

    private void showHoverAt(Instant at) {
        hoverAt = at;
        StringBuilder text = new StringBuilder(HOVER_TIME.format(at.atZone(time.zone())));
        for (ChartSeries s : shown) {
            ChartPoint p = nearest(s.points(), at);
            text.append('\n').append(s.name()).append(": ")
                    .append(p == null || p.value() == null ? "—" : valueText(p.value()) + " " + s.unit());
        }
        hover.setText(text.toString());
        double x = time.getDisplayPosition(at.toEpochMilli());
        double height = values.getHeight();
        crosshair.setStartX(x);
        crosshair.setEndX(x);
        crosshair.setStartY(0);
        crosshair.setEndY(height);
        hover.applyCss();
        hover.autosize();
        double w = hover.getWidth();
        double left = x + 10 + w > time.getWidth() ? x - 10 - w : x + 10;
        hover.relocate(Math.max(0, left), 6);
        crosshair.setVisible(true);
        hover.setVisible(true);
    }

    private void hideHover() {
        hoverAt = null;
        crosshair.setVisible(false);
        hover.setVisible(false);
    }

    /** The point closest in time, by binary search over the time-ordered points. */
    static ChartPoint nearest(List<ChartPoint> points, Instant at) {
        if (points.isEmpty()) {
            return null;
        }
        int lo = 0;
        int hi = points.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).time().isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            long after = Math.abs(points.get(lo).time().toEpochMilli() - at.toEpochMilli());
            long before = Math.abs(at.toEpochMilli() - points.get(lo - 1).time().toEpochMilli());
            if (before < after) {
                return points.get(lo - 1);
            }
        }
        return points.get(lo);
    }

    private static List<XYChart.Data<Number, Number>> points(ChartSeries s) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(s.points().size());
        for (ChartPoint p : s.points()) {
            // An unknown value is left out rather than drawn as a zero.
            if (p.value() != null) {
                out.add(new XYChart.Data<>(p.time().toEpochMilli(), p.value()));
            }
        }
        return out;
    }

    /** Axis labels: 950, 1.5 k, 2.3 M. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1_000_000) {
            return trim(v / 1_000_000) + " M";
        }
        if (a >= 1_000) {
            return trim(v / 1_000) + " k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        double a = Math.abs(v);
        // Small ticks keep two decimals: 0.25 steps must not read 0.3, 0.5, 0.8.
        String s = a >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        while (s.contains(".") && (s.endsWith("0") || s.endsWith("."))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Hover values: 1,234 · 12.3 · 0.42. */
    public static String valueText(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static final class MarkerNode {
        final ChartMarker marker;
        final Pane node;
        final Line line = new Line();
        final Label flag;

        MarkerNode(ChartMarker marker, int index) {
            this.marker = Objects.requireNonNull(marker);
            line.getStyleClass().add("marker-line");
            flag = new Label(marker.flag());
            flag.getStyleClass().add("marker-flag");
            node = new Pane(line, flag);
            node.getStyleClass().add("deployment-marker");
            node.setId("deployment-marker-" + index);
            node.setManaged(false);
            // The 8 px strip around the line is the hover target, not just the 1 px line.
            node.setPickOnBounds(true);
            Tooltip tip = new Tooltip(marker.details());
            tip.setShowDelay(Duration.millis(120));
            tip.setShowDuration(Duration.seconds(30));
            tip.getStyleClass().add("marker-tooltip");
            Tooltip.install(node, tip);
        }
    }
}
