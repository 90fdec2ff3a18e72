package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.containers.InstanceRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The instance grid, the Erlang Observer's process view for containers: one tile per instance, coloured by state,
 * with its location and a short id. Drawn on one canvas (no node per tile), so an update of 500 instances is one
 * redraw of a few hundred rectangles; the grid keeps its size unless the count changes.
 */
final class InstanceGrid extends Region {

    static final double TILE_W = 92;
    static final double TILE_H = 44;
    static final double GAP = 6;

    private final Canvas canvas = new Canvas();
    private final StatePalette palette;
    private final Font font = Font.font(11);
    private final Font smallFont = Font.font(9.5);
    private List<InstanceRow> instances = List.of();
    private String selectedId;
    private Consumer<String> onSelect = id -> { };
    private int columns = 1;

    InstanceGrid(StatePalette palette) {
        this.palette = Objects.requireNonNull(palette);
        setId("containers-grid");
        getStyleClass().add("instance-grid");
        getChildren().add(canvas);
        palette.onRestyle(this::redraw);
        canvas.setOnMouseClicked(e -> {
            int index = indexAt(e.getX(), e.getY());
            if (index >= 0 && index < instances.size()) {
                onSelect.accept(instances.get(index).id());
            }
        });
    }

    void setOnSelect(Consumer<String> value) {
        onSelect = Objects.requireNonNull(value);
    }

    /** Shows these instances (in this order); tiles are redrawn in place. */
    void update(List<InstanceRow> value, String selected) {
        boolean resized = value.size() != instances.size();
        instances = List.copyOf(value);
        selectedId = selected;
        if (resized) {
            requestLayout();
        }
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width > 0 ? width : getWidth();
        int cols = columnsFor(w);
        int rows = (instances.size() + cols - 1) / cols;
        return snappedTopInset() + snappedBottomInset() + Math.max(1, rows) * (TILE_H + GAP);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 6 * (TILE_W + GAP);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            redraw();
        }
    }

    private static int columnsFor(double width) {
        return Math.max(1, (int) ((width + GAP) / (TILE_W + GAP)));
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        columns = columnsFor(canvas.getWidth());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        Map<InstanceState, javafx.scene.paint.Paint> paints = new EnumMap<>(InstanceState.class);
        for (int i = 0; i < instances.size(); i++) {
            InstanceRow r = instances.get(i);
            double x = (i % columns) * (TILE_W + GAP);
            double y = (i / columns) * (TILE_H + GAP);
            g.setFill(paints.computeIfAbsent(r.state(), palette::paint));
            g.fillRoundRect(x, y, TILE_W, TILE_H, 8, 8);
            g.setFill(Color.WHITE);
            g.setFont(font);
            g.fillText(r.location() == null ? "—" : r.location(), x + 7, y + 6, TILE_W - 12);
            g.setFont(smallFont);
            g.fillText(shortId(r), x + 7, y + 24, TILE_W - 12);
            if (r.id().equals(selectedId)) {
                g.setStroke(Color.WHITE);
                g.setLineWidth(2);
                g.strokeRoundRect(x + 2, y + 2, TILE_W - 4, TILE_H - 4, 6, 6);
                g.setStroke(Color.BLACK);
                g.setLineWidth(1);
                g.strokeRoundRect(x + 0.5, y + 0.5, TILE_W - 1, TILE_H - 1, 8, 8);
            }
        }
    }

    private static String shortId(InstanceRow r) {
        String name = r.name() != null && !r.name().isBlank() ? r.name() : r.id();
        if (name.startsWith("instance-")) {
            name = name.substring("instance-".length());
        }
        return name.length() > 12 ? name.substring(0, 12) + "…" : name;
    }

    private int indexAt(double x, double y) {
        int col = (int) (x / (TILE_W + GAP));
        int row = (int) (y / (TILE_H + GAP));
        if (col >= columns || x - col * (TILE_W + GAP) > TILE_W || y - row * (TILE_H + GAP) > TILE_H) {
            return -1;
        }
        return row * columns + col;
    }

    // --- for tests: what the canvas shows ------------------------------------------------------------------

    /** The instances as last drawn, in tile order. */
    List<InstanceRow> shown() {
        return new ArrayList<>(instances);
    }

    /** The centre of an instance's tile in this node's coordinates; null when it is not shown. */
    Point2D tileCenter(String instanceId) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).id().equals(instanceId)) {
                return new Point2D(snappedLeftInset() + (i % columns) * (TILE_W + GAP) + TILE_W / 2,
                        snappedTopInset() + (i / columns) * (TILE_H + GAP) + TILE_H / 2);
            }
        }
        return null;
    }
}
