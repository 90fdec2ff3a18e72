package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.containers.InstanceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The instance grid, the Erlang Observer's process view for containers: one tile per instance, coloured by state,
 * with its location and state. Drawn on one canvas (no node per tile) from a few cached tile pictures, and
 * updated in place: a refresh draws only the tiles that changed; the grid keeps its size unless the count changes.
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
    private List<InstanceRow> drawn = List.of();
    private String drawnSelected;
    private final Map<String, Image> tiles = new HashMap<>();
    private String selectedId;
    private Consumer<String> onSelect = id -> { };
    private int columns = 1;

    InstanceGrid(StatePalette palette) {
        this.palette = Objects.requireNonNull(palette);
        setId("containers-grid");
        getStyleClass().add("instance-grid");
        getChildren().add(canvas);
        palette.onRestyle(() -> {
            tiles.clear();
            redraw();
        });
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
        redrawChanged();
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

    /** Draws every tile again (size, order or colours changed). */
    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        columns = columnsFor(canvas.getWidth());
        for (int i = 0; i < instances.size(); i++) {
            drawTile(g, i);
        }
        drawn = instances;
        drawnSelected = selectedId;
    }

    /**
     * Updates in place: when the same instances are shown in the same order, only the tiles whose state, location
     * or selection changed are drawn again (the canvas keeps the others' pixels).
     */
    private void redrawChanged() {
        if (drawn.size() != instances.size() || columns != columnsFor(canvas.getWidth())) {
            redraw();
            return;
        }
        for (int i = 0; i < instances.size(); i++) {
            if (!drawn.get(i).id().equals(instances.get(i).id())) {
                redraw();
                return;
            }
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        for (int i = 0; i < instances.size(); i++) {
            InstanceRow before = drawn.get(i);
            InstanceRow now = instances.get(i);
            boolean selection = now.id().equals(selectedId) != before.id().equals(drawnSelected);
            if (selection || before.state() != now.state() || !Objects.equals(before.location(), now.location())) {
                g.clearRect(x(i) - 1, y(i) - 1, TILE_W + 2, TILE_H + 2);
                drawTile(g, i);
            }
        }
        drawn = instances;
        drawnSelected = selectedId;
    }

    private double x(int index) {
        return (index % columns) * (TILE_W + GAP);
    }

    private double y(int index) {
        return (index / columns) * (TILE_H + GAP);
    }

    private void drawTile(GraphicsContext g, int index) {
        InstanceRow r = instances.get(index);
        double x = x(index);
        double y = y(index);
        g.drawImage(tileImage(r.state(), r.location()), x, y);
        if (r.id().equals(selectedId)) {
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeRoundRect(x + 2, y + 2, TILE_W - 4, TILE_H - 4, 6, 6);
            g.setStroke(Color.BLACK);
            g.setLineWidth(1);
            g.strokeRoundRect(x + 0.5, y + 0.5, TILE_W - 1, TILE_H - 1, 8, 8);
        }
    }

    /**
     * A tile's picture, drawn once per state and location: text is the costly part of drawing on a canvas, and a
     * grid of hundreds of instances has only a few dozen different tiles.
     */
    private Image tileImage(InstanceState state, String location) {
        return tiles.computeIfAbsent(state.name() + "|" + location, k -> {
            Canvas tile = new Canvas(TILE_W, TILE_H);
            GraphicsContext g = tile.getGraphicsContext2D();
            g.setFill(palette.paint(state));
            g.fillRoundRect(0, 0, TILE_W, TILE_H, 8, 8);
            g.setFill(Color.WHITE);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.setFont(font);
            g.fillText(location == null ? "—" : location, 7, 6, TILE_W - 12);
            g.setFont(smallFont);
            g.fillText(ContainersFormats.state(state), 7, 25, TILE_W - 12);
            SnapshotParameters transparent = new SnapshotParameters();
            transparent.setFill(Color.TRANSPARENT);
            return tile.snapshot(transparent, null);
        });
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
