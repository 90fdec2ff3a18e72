package dev.flareobserver.orchestration.task;

import java.util.concurrent.CompletableFuture;

/**
 * A long operation with a title, progress, a message and cancel; every long operation in the
 * product runs as one, so the UI can show it in its task list.
 */
public interface Task<T> {

    /** Progress value that means "we cannot say how far along it is". */
    double INDETERMINATE = -1;

    long id();

    String title();

    /** 0..1, or {@link #INDETERMINATE}. */
    double progress();

    String message();

    TaskState state();

    /** Asks the work to stop; the work sees it through {@link TaskContext#isCancelled()} and an interrupt. */
    void cancel();

    /** Completes with the work's value, its exception, or a {@link java.util.concurrent.CancellationException}. */
    CompletableFuture<T> result();

    TaskSnapshot snapshot();
}
