package dev.flareobserver.orchestration.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time moves only when the test says so; due tasks run on the test thread. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    final MutableClock clock;
    private final List<Job> jobs = new ArrayList<>();
    private boolean shutdown;

    ManualScheduler(Instant start) {
        this.clock = new MutableClock(start);
    }

    /** Runs everything due now (and what those schedule for now). */
    synchronized void runDue() {
        while (true) {
            Job next = jobs.stream().filter(j -> !j.cancelled && !j.due.isAfter(clock.instant()))
                    .min(Comparator.comparing(j -> j.due)).orElse(null);
            if (next == null) {
                return;
            }
            jobs.remove(next);
            next.done = true;
            next.task.run();
        }
    }

    /** Moves time forward and runs what became due. */
    void advance(Duration d) {
        clock.advance(d);
        runDue();
    }

    /** The delay until the next pending job, or null. */
    synchronized Duration nextDelay() {
        return jobs.stream().filter(j -> !j.cancelled).map(j -> Duration.between(clock.instant(), j.due))
                .min(Comparator.naturalOrder()).orElse(null);
    }

    synchronized int pending() {
        return (int) jobs.stream().filter(j -> !j.cancelled).count();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Job job = new Job(command, clock.instant().plusMillis(unit.toMillis(delay)));
        jobs.add(job);
        return job;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("monitors must not poll at a fixed rate");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("monitors must not poll at a fixed delay");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Job implements ScheduledFuture<Object> {
        final Runnable task;
        final Instant due;
        volatile boolean cancelled;
        volatile boolean done;

        Job(Runnable task, Instant due) {
            this.task = task;
            this.due = due;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due).toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
