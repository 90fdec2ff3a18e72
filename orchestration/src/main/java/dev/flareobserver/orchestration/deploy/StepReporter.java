package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.orchestration.task.TaskContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Tells the {@link DeployListener} and the task the same thing: which step runs, how far it is (the task's progress
 * is the step's share of the whole deploy), and what finished, was skipped or failed. Also the one place that waits
 * between polls, so every wait notices a cancel.
 */
final class StepReporter {

    private static final int STEPS = DeployStep.values().length;

    private final DeployListener listener;
    private final TaskContext task;

    StepReporter(DeployListener listener, TaskContext task) {
        this.listener = listener;
        this.task = task;
    }

    TaskContext task() {
        return task;
    }

    void started(DeployStep step, String detail) {
        task.throwIfCancelled();
        task.message(step.title() + ": " + detail);
        task.progress(step.ordinal() / (double) STEPS);
        listener.started(step, detail);
    }

    void progress(DeployStep step, double fraction, String detail) {
        task.progress((step.ordinal() + Math.max(0, Math.min(1, fraction))) / STEPS);
        listener.progress(step, fraction, detail);
    }

    void finished(DeployStep step, String detail) {
        task.progress((step.ordinal() + 1) / (double) STEPS);
        listener.finished(step, detail);
    }

    void skipped(DeployStep step, String reason) {
        listener.skipped(step, reason);
    }

    void failed(DeployStep step, String reason) {
        listener.failed(step, reason);
    }

    void warning(String text) {
        listener.warning(text);
    }

    void instances(List<ContainerInstanceV2> instances) {
        listener.instances(instances);
    }

    /** Sleeps between polls; throws {@link CancellationException} once the task is cancelled. */
    void pause(Duration interval) {
        long until = System.nanoTime() + interval.toNanos();
        while (System.nanoTime() < until) {
            task.throwIfCancelled();
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
        task.throwIfCancelled();
    }
}
