package dev.flareobserver.app.page.logs;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One Worker in the Logs page's picker: its name and whether it is checked. */
public final class WorkerChoice {

    private final String name;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    public WorkerChoice(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public String name() {
        return name;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
