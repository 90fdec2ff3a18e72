package dev.flareobserver.deploy;

import dev.flareobserver.orchestration.task.TaskContext;
import java.util.concurrent.CancellationException;

/** A task context for calling a workflow directly: records nothing, cancelled when a test says so. */
public final class TestTask implements TaskContext {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    @Override
    public void progress(double fraction) {
    }

    @Override
    public void message(String text) {
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("cancelled by the test");
        }
    }
}
