package dev.flareobserver.app.shell;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of a burst of values to the UI thread with one task per batch: while one hand-over
 * is pending, newer values replace the older ones instead of queueing more {@code Platform.runLater}s.
 */
public final class LatestValueDispatcher<T> implements Consumer<T> {

    private final Executor uiExecutor;
    private final Consumer<T> apply;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public LatestValueDispatcher(Executor uiExecutor, Consumer<T> apply) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor);
        this.apply = Objects.requireNonNull(apply);
    }

    @Override
    public void accept(T value) {
        latest.set(value);
        if (scheduled.compareAndSet(false, true)) {
            uiExecutor.execute(() -> {
                // Clear the flag before reading, so a value set after the read schedules a new hand-over.
                scheduled.set(false);
                apply.accept(latest.get());
            });
        }
    }
}
