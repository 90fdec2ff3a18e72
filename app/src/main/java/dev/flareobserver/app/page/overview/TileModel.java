package dev.flareobserver.app.page.overview;

import dev.flareobserver.app.page.workers.WorkerFormats;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One figure tile of the Overview: a value with its unit, a caption, a tone (style class suffix:
 * "", "warn", "critical") and the stale badge text ("" when fresh).
 */
public final class TileModel {

    private final String title;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(WorkerFormats.UNKNOWN);
    private final ReadOnlyStringWrapper unit = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tone = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stale = new ReadOnlyStringWrapper("");

    TileModel(String title) {
        this.title = title;
    }

    void set(String valueText, String unitText, String captionText, String toneName) {
        value.set(valueText);
        // No unit next to "—": an unknown has no unit.
        unit.set(WorkerFormats.UNKNOWN.equals(valueText) ? "" : unitText);
        caption.set(captionText);
        tone.set(toneName);
    }

    void setStale(String text) {
        stale.set(text);
    }

    public String title() { return title; }
    public ReadOnlyStringProperty valueProperty() { return value.getReadOnlyProperty(); }
    public ReadOnlyStringProperty unitProperty() { return unit.getReadOnlyProperty(); }
    public ReadOnlyStringProperty captionProperty() { return caption.getReadOnlyProperty(); }
    public ReadOnlyStringProperty toneProperty() { return tone.getReadOnlyProperty(); }
    public ReadOnlyStringProperty staleProperty() { return stale.getReadOnlyProperty(); }
}
