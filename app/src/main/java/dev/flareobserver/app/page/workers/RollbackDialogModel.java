package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.RollbackPlan;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The rollback confirmation: what will happen (the plan's summary), the Worker name the user has to
 * type, an optional deployment message. OK is enabled only when the typed name matches exactly and
 * no rollback is running.
 */
public final class RollbackDialogModel {

    private final RollbackPlan plan;
    private final StringProperty typed = new SimpleStringProperty(this, "typed", "");
    private final StringProperty message;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding confirmEnabled;

    public RollbackDialogModel(RollbackPlan plan) {
        this.plan = Objects.requireNonNull(plan);
        this.message = new SimpleStringProperty(this, "message",
                "Rollback to v" + plan.target().number() + " from Flare Observer");
        confirmEnabled = Bindings.createBooleanBinding(
                () -> plan.scriptName().equals(typed.get()) && !running.get(), typed, running);
    }

    public RollbackPlan plan() {
        return plan;
    }

    public String title() {
        return "Roll back " + plan.scriptName() + " to v" + plan.target().number() + "?";
    }

    public String summary() {
        return plan.summary();
    }

    /** The instruction above the input: the exact name to type. */
    public String prompt() {
        return "Type the Worker name, " + plan.scriptName() + ", to confirm.";
    }

    void setRunning(boolean value) {
        running.set(value);
    }

    void setError(String text) {
        error.set(text == null ? "" : text);
    }

    public StringProperty typedProperty() { return typed; }
    public StringProperty messageProperty() { return message; }
    public BooleanBinding confirmEnabledProperty() { return confirmEnabled; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** Why the last attempt failed, or "". */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
