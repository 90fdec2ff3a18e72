package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.InstanceState;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.layout.Background;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.control.Label;

/**
 * The instance-state colours, defined once in app.css ({@code .instance-state-running} …) through the theme's
 * looked-up colours. The legend's swatches are styled nodes; the canvas-drawn grid and pool chart read their
 * colours from those swatches, so a theme change recolours both and there is one place for each colour.
 */
final class StatePalette {

    /** The states a tile can show, in legend order. */
    static final List<InstanceState> STATES = List.of(InstanceState.PROVISIONING, InstanceState.RUNNING,
            InstanceState.UNHEALTHY, InstanceState.STOPPING, InstanceState.STOPPED, InstanceState.FAILED);

    private static final Color FALLBACK = Color.GRAY;

    private final Map<InstanceState, Region> swatches = new EnumMap<>(InstanceState.class);
    private final Map<InstanceState, Label> counts = new EnumMap<>(InstanceState.class);

    StatePalette() {
        for (InstanceState s : InstanceState.values()) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("state-swatch", styleClass(s));
            swatches.put(s, swatch);
        }
    }

    static String styleClass(InstanceState s) {
        return "instance-state-" + s.name().toLowerCase(Locale.ROOT);
    }

    /** The colour of a state as the stylesheet gives it (grey before CSS is applied, or for unknown states). */
    Paint paint(InstanceState state) {
        Region swatch = swatches.get(state);
        Background bg = swatch == null ? null : swatch.getBackground();
        return bg == null || bg.getFills().isEmpty() ? FALLBACK : bg.getFills().get(0).getFill();
    }

    /** Calls {@code redraw} when the theme restyles the swatches. */
    void onRestyle(Runnable redraw) {
        swatches.values().forEach(s -> s.backgroundProperty().addListener((obs, old, now) -> redraw.run()));
    }

    /** One swatch, label and count per state; every swatch node of the palette is in it (so CSS styles them). */
    FlowPane legend() {
        FlowPane legend = new FlowPane(14, 6);
        legend.setId("containers-legend");
        legend.getStyleClass().add("containers-legend");
        for (InstanceState s : InstanceState.values()) {
            Label count = new Label();
            count.getStyleClass().add("legend-count");
            counts.put(s, count);
            HBox item = new HBox(5, swatches.get(s), new Label(ContainersFormats.state(s)), count);
            item.setAlignment(Pos.CENTER_LEFT);
            if (!STATES.contains(s)) {
                // inactive / unknown: styled (for the grid) but only shown when an instance has that state
                item.setManaged(false);
                item.setVisible(false);
            }
            legend.getChildren().add(item);
        }
        return legend;
    }

    /** The legend's counts of the shown instances; rare states appear only when present. */
    void showCounts(Map<InstanceState, Integer> byState) {
        counts.forEach((state, label) -> {
            int n = byState.getOrDefault(state, 0);
            label.setText(String.valueOf(n));
            if (!STATES.contains(state)) {
                label.getParent().setManaged(n > 0);
                label.getParent().setVisible(n > 0);
            }
        });
    }
}
