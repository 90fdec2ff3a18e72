package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.containers.InstanceRow;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Point2D;

/** What the canvas-drawn instance grid shows, for UI tests and benchmarks (its tiles are not nodes). FX thread. */
public final class InstanceGridProbe {

    private final InstanceGrid grid;

    InstanceGridProbe(InstanceGrid grid) {
        this.grid = grid;
    }

    /** Instance id → the state its tile is drawn in, in tile order. */
    public Map<String, InstanceState> states() {
        Map<String, InstanceState> out = new LinkedHashMap<>();
        for (InstanceRow r : grid.shown()) {
            out.put(r.id(), r.state());
        }
        return out;
    }

    /** Instance id → state of the tiles of one application. */
    public Map<String, InstanceState> states(String applicationName) {
        Map<String, InstanceState> out = new LinkedHashMap<>();
        for (InstanceRow r : grid.shown()) {
            if (applicationName.equals(r.applicationName())) {
                out.put(r.id(), r.state());
            }
        }
        return out;
    }

    /** The centre of an instance's tile on the screen, to click it; null when it is not shown. */
    public Point2D tileOnScreen(String instanceId) {
        Point2D local = grid.tileCenter(instanceId);
        return local == null ? null : grid.localToScreen(local);
    }
}
