package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling shared by the monitors: one chain of one-shot schedules (never fixed-rate, so refreshes cannot
 * pile up), polls only between start and stop, skips a refresh that would overlap a running one, backs off
 * exponentially after failures and waits longer while the GraphQL budget is low. Public only for
 * {@link Outcome}: monitors in other packages extend {@link PollingMonitor}.
 */
public final class PollingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

    /** Below this share of the GraphQL budget the interval is stretched. */
    static final double LOW_BUDGET_SHARE = 0.2;
    static final int LOW_BUDGET_STRETCH = 4;

    /** How a refresh ended: decides the delay before the next one. */
    public enum Outcome { SUCCESS, FAILURE, BUDGET_SPENT }

    private final MonitorOptions options;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Supplier<BudgetSnapshot> budget;
    /** The refresh itself; the argument says whether the user asked for it (re-read slow-changing lists too). */
    private final Function<Boolean, Outcome> work;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object lock = new Object();

    private boolean started;
    private boolean closed;
    private boolean followUp;
    private ScheduledFuture<?> pending;
    private int failures;
    private long skipped;

    PollingLoop(String threadName, MonitorOptions options, Supplier<BudgetSnapshot> budget,
                Function<Boolean, Outcome> work) {
        this.options = options;
        this.budget = budget;
        this.work = work;
        if (options.scheduler() != null) {
            this.scheduler = options.scheduler();
            this.ownsScheduler = false;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            this.ownsScheduler = true;
        }
    }

    void start() {
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            scheduleLocked(Duration.ZERO, false);
        }
    }

    void stop() {
        synchronized (lock) {
            started = false;
            cancelLocked();
        }
    }

    /** Runs a refresh soon, whether started or not; skipped if one is running when it comes up. */
    void refreshNow() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running.get()) {
                skipped++;
                return;
            }
            scheduleLocked(Duration.ZERO, true);
        }
    }

    /**
     * Like {@link #refreshNow()}, but a request arriving while a refresh runs is remembered (once) and served
     * right after it: for changes of what to load (another window), which a skipped refresh would lose.
     */
    void refreshSoon() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running.get()) {
                followUp = true;
                return;
            }
            scheduleLocked(Duration.ZERO, true);
        }
    }

    boolean isStarted() {
        synchronized (lock) {
            return started;
        }
    }

    /** How many refreshes were skipped because one was already running. */
    long skippedCount() {
        synchronized (lock) {
            return skipped;
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            started = false;
            cancelLocked();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private void run(boolean forced) {
        if (!running.compareAndSet(false, true)) {
            synchronized (lock) {
                skipped++;
            }
            return;
        }
        Outcome outcome;
        try {
            outcome = work.apply(forced);
        } catch (RuntimeException e) {
            // work() turns failures into snapshots; reaching here is a defect, still keep polling
            LOG.warn("A monitor refresh failed unexpectedly", e);
            outcome = Outcome.FAILURE;
        } finally {
            running.set(false);
        }
        synchronized (lock) {
            failures = outcome == Outcome.FAILURE ? failures + 1 : 0;
            if (followUp && !closed) {
                followUp = false;
                scheduleLocked(Duration.ZERO, true);
            } else if (started && !closed) {
                scheduleLocked(nextDelay(outcome), false);
            }
        }
    }

    Duration nextDelay(Outcome outcome) {
        Duration interval = options.interval();
        BudgetSnapshot b = budget.get();
        Instant now = options.clock().instant();
        switch (outcome) {
            case FAILURE -> {
                long factor = 1L << Math.min(failures, 16);
                Duration backoff = interval.multipliedBy(factor);
                return backoff.compareTo(options.maxBackoff()) > 0 ? max(options.maxBackoff(), interval) : backoff;
            }
            case BUDGET_SPENT -> {
                Duration untilReset = b == null || b.graphqlResetAt() == null ? interval
                        : Duration.between(now, b.graphqlResetAt());
                return max(interval, untilReset);
            }
            default -> {
                if (b != null && b.graphqlLimit() > 0
                        && b.graphqlRemaining() < b.graphqlLimit() * LOW_BUDGET_SHARE) {
                    return interval.multipliedBy(LOW_BUDGET_STRETCH);
                }
                return interval;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void scheduleLocked(Duration delay, boolean forced) {
        cancelLocked();
        try {
            pending = scheduler.schedule(() -> run(forced), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Monitor scheduler no longer accepts work");
        }
    }

    private void cancelLocked() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
