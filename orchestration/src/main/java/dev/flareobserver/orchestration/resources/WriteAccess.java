package dev.flareobserver.orchestration.resources;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether this session may change the account. A real account starts read-only and the operator unlocks
 * writes for the session; the demo emulator starts unlocked (nothing real can be harmed). Every write path
 * of the resource services calls {@link #requireUnlocked} before it builds a request.
 */
public final class WriteAccess {

    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean unlocked;

    private WriteAccess(boolean unlocked) {
        this.unlocked = unlocked;
    }

    public static WriteAccess locked() {
        return new WriteAccess(false);
    }

    public static WriteAccess unlocked() {
        return new WriteAccess(true);
    }

    /** Demo mode starts unlocked; a real account starts read-only. */
    public static WriteAccess forDemo(boolean demo) {
        return new WriteAccess(demo);
    }

    public boolean isUnlocked() {
        return unlocked;
    }

    public void unlock() {
        set(true);
    }

    public void lock() {
        set(false);
    }

    /** @throws ReadOnlyException naming {@code action} when writes are locked */
    public void requireUnlocked(String action) {
        if (!unlocked) {
            throw new ReadOnlyException(action);
        }
    }

    /** Told the new state ({@code true} = unlocked) on the thread that changed it. */
    public void addListener(Consumer<Boolean> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }

    private void set(boolean value) {
        if (unlocked == value) {
            return;
        }
        unlocked = value;
        for (Consumer<Boolean> listener : listeners) {
            listener.accept(value);
        }
    }
}
