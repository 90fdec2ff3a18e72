package dev.flareobserver.orchestration.task;

/** What running work sees of its task: it reports progress and checks for cancel. */
public interface TaskContext {

    /** 0..1, or {@link Task#INDETERMINATE}. */
    void progress(double fraction);

    void message(String text);

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} once the task was cancelled. */
    void throwIfCancelled();
}
