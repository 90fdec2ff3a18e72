package dev.flareobserver.app.page.r2;

import dev.flareobserver.orchestration.task.Task;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One upload or download as the page shows it: title, progress, message, and cancel while it runs. FX thread. */
public final class R2TransferModel {

    private final String title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "Waiting…");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private Task<?> task;

    R2TransferModel(String title) {
        this.title = Objects.requireNonNull(title);
    }

    void attach(Task<?> value) {
        task = value;
    }

    void update(double fraction, String text) {
        progress.set(fraction);
        message.set(text);
    }

    void finish(String text) {
        running.set(false);
        message.set(text);
    }

    /** Stops the transfer: an upload stores nothing, a download leaves no file. */
    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
