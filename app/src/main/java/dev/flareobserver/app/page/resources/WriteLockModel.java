package dev.flareobserver.app.page.resources;

import dev.flareobserver.orchestration.resources.WriteAccess;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The session's write lock as the UI sees it: {@link #unlockedProperty()} mirrors orchestration's
 * {@link WriteAccess} on the FX thread, so pages bind their write buttons' {@code disable} to it.
 * FX thread only.
 */
public final class WriteLockModel {

    /** Under every write button while writes are locked. */
    public static final String LOCKED_HINT = "Read-only: unlock writes in the status bar to change the account";

    private final WriteAccess access;
    private final ReadOnlyBooleanWrapper unlocked;

    public WriteLockModel(WriteAccess access, Executor fx) {
        this.access = Objects.requireNonNull(access);
        this.unlocked = new ReadOnlyBooleanWrapper(this, "unlocked", access.isUnlocked());
        access.addListener(now -> fx.execute(() -> unlocked.set(access.isUnlocked())));
    }

    public ReadOnlyBooleanProperty unlockedProperty() {
        return unlocked.getReadOnlyProperty();
    }

    public boolean isUnlocked() {
        return unlocked.get();
    }

    public void unlock() {
        access.unlock();
        unlocked.set(true);
    }

    public void lock() {
        access.lock();
        unlocked.set(false);
    }

    public WriteAccess access() {
        return access;
    }
}
