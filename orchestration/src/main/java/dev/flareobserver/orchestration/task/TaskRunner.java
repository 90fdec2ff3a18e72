package dev.flareobserver.orchestration.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long operations as {@link Task}s on its own executor and tells listeners about every change.
 * Injected wherever background work happens, so tests can use {@link #sameThread()} and see the
 * work finish before {@code submit} returns.
 *
 * <p>Listeners are called on the thread that made the change (a worker thread); UI code batches
 * them onto its own thread.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final AtomicLong ids = new AtomicLong();
    private final List<RunningTask<?>> tasks = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<TaskSnapshot>>> listeners = new CopyOnWriteArrayList<>();

    private TaskRunner(ExecutorService executor, boolean ownsExecutor) {
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    /** A runner with a cached pool of daemon threads named {@code flare-task-N}. */
    public static TaskRunner create() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "flare-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new TaskRunner(Executors.newCachedThreadPool(threads), true);
    }

    /** A runner on a given executor; the caller keeps ownership of it. */
    public static TaskRunner on(ExecutorService executor) {
        return new TaskRunner(Objects.requireNonNull(executor, "executor"), false);
    }

    /** Runs each task to its end inside {@code submit}: for tests. */
    public static TaskRunner sameThread() {
        return new TaskRunner(null, false);
    }

    public <T> Task<T> submit(String title, Function<TaskContext, T> work) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(work, "work");
        RunningTask<T> task = new RunningTask<>(ids.incrementAndGet(), title, work);
        tasks.add(task);
        publish();
        if (executor == null) {
            task.run();
        } else {
            try {
                executor.execute(task::run);
            } catch (RuntimeException rejected) {
                task.finish(TaskState.FAILED, null, rejected);
            }
        }
        return task;
    }

    /** Tasks not finished yet, oldest first. */
    public List<Task<?>> running() {
        List<Task<?>> out = new ArrayList<>();
        for (RunningTask<?> t : tasks) {
            if (!t.state().isDone()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Snapshots of the tasks not finished yet. */
    public List<TaskSnapshot> snapshots() {
        return tasks.stream().map(RunningTask::snapshot).filter(s -> !s.isDone()).toList();
    }

    public void addListener(Consumer<List<TaskSnapshot>> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<List<TaskSnapshot>> listener) {
        listeners.remove(listener);
    }

    /** Cancels what still runs and stops the executor if this runner created it. */
    @Override
    public void close() {
        for (RunningTask<?> t : tasks) {
            t.cancel();
        }
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        List<TaskSnapshot> now = snapshots();
        for (Consumer<List<TaskSnapshot>> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("A task listener failed", e);
            }
        }
    }

    private final class RunningTask<T> implements Task<T>, TaskContext {
        private final long id;
        private final String title;
        private final Function<TaskContext, T> work;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private volatile double progress = INDETERMINATE;
        private volatile String message = "";
        private volatile TaskState state = TaskState.QUEUED;
        private volatile boolean cancelled;
        private volatile String error;
        private volatile Thread worker;

        RunningTask(long id, String title, Function<TaskContext, T> work) {
            this.id = id;
            this.title = title;
            this.work = work;
        }

        void run() {
            synchronized (this) {
                if (cancelled || state.isDone()) {
                    return;
                }
                state = TaskState.RUNNING;
                worker = Thread.currentThread();
            }
            publish();
            try {
                T value = work.apply(this);
                if (cancelled) {
                    finish(TaskState.CANCELLED, null, null);
                } else {
                    finish(TaskState.SUCCEEDED, value, null);
                }
            } catch (CancellationException e) {
                finish(TaskState.CANCELLED, null, null);
            } catch (RuntimeException | Error e) {
                finish(cancelled ? TaskState.CANCELLED : TaskState.FAILED, null, e);
            } finally {
                synchronized (this) {
                    worker = null;
                }
                // A cancel that interrupted us must not leak into the pool thread's next task.
                Thread.interrupted();
            }
        }

        void finish(TaskState end, T value, Throwable failure) {
            synchronized (this) {
                if (state.isDone()) {
                    return;
                }
                state = end;
                if (end == TaskState.SUCCEEDED) {
                    progress = 1;
                }
                if (failure != null && end == TaskState.FAILED) {
                    error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                }
            }
            tasks.remove(this);
            switch (end) {
                case SUCCEEDED -> result.complete(value);
                case CANCELLED -> result.completeExceptionally(new CancellationException(title + " was cancelled"));
                default -> result.completeExceptionally(failure);
            }
            publish();
        }

        @Override public long id() { return id; }
        @Override public String title() { return title; }
        @Override public double progress() { return progress; }
        @Override public String message() { return message; }
        @Override public TaskState state() { return state; }
        @Override public CompletableFuture<T> result() { return result; }

        @Override
        public TaskSnapshot snapshot() {
            return new TaskSnapshot(id, title, progress, message, state, error);
        }

        @Override
        public void cancel() {
            boolean neverStarted;
            synchronized (this) {
                if (state.isDone() || cancelled) {
                    return;
                }
                cancelled = true;
                neverStarted = state == TaskState.QUEUED;
                // Blocking I/O (OkHttp, sockets) notices an interrupt; polling code notices the flag.
                if (worker != null && worker != Thread.currentThread()) {
                    worker.interrupt();
                }
            }
            if (neverStarted) {
                finish(TaskState.CANCELLED, null, null);
            } else {
                publish();
            }
        }

        @Override
        public void progress(double fraction) {
            this.progress = fraction < 0 ? INDETERMINATE : Math.min(1, fraction);
            publish();
        }

        @Override
        public void message(String text) {
            this.message = text == null ? "" : text;
            publish();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void throwIfCancelled() {
            if (cancelled) {
                throw new CancellationException(title + " was cancelled");
            }
        }
    }
}
