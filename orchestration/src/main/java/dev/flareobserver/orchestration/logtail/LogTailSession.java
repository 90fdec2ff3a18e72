package dev.flareobserver.orchestration.logtail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.workers.Tail;
import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.api.workers.TailSocket;
import dev.flareobserver.api.workers.TailSocketListener;
import dev.flareobserver.api.workers.TailSocketOptions;
import dev.flareobserver.api.workers.TailsClient;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.transport.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails one or many Workers of the connection's current account and merges them into one stream in
 * a {@link LogBuffer}. Per Worker: create the tail with the server filters, connect with
 * {@code trace-v1}, renew before expiry and on silence, reconnect with backoff, and write a GAP entry
 * whenever continuity was lost. Every tail it created is deleted on {@link #close()} (and recorded on
 * disk until then, so a crash leaves something {@link LogTailService#findLeftovers} can clean up).
 * Socket threads never block: frames are parsed off the socket thread and merged by one thread.
 *
 * <p>Each Worker's tail is a small state machine whose steps run one at a time on a shared pool
 * ({@link SerialExecutor}); REST calls happen there, never on a socket or merge thread.
 */
public final class LogTailSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogTailSession.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Upper bound of what {@link #close()} waits for the tails to be deleted. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long after a renewal the two sockets' events are still compared for duplicates. */
    static final Duration DEDUPE_GRACE = Duration.ofSeconds(1);
    private static final int WORKER_THREADS = 4;

    private final AccountConnection connection;
    private final LogTailOptions options;
    private final TailRecords records;
    private final LogBuffer buffer;
    private final TailSocketOptions socketOptions;
    private final ScheduledExecutorService pool;
    private final TailMerger merger;
    private final Map<String, WorkerTail> tails = new ConcurrentHashMap<>();
    private final List<Consumer<List<TailHealth>>> healthListeners = new CopyOnWriteArrayList<>();
    private final Object healthLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong generations = new AtomicLong();
    private final Thread shutdownHook;
    private final ScheduledFuture<?> silenceCheck;
    private final String name;
    private volatile TailFilters serverFilters = TailFilters.none();

    public LogTailSession(AccountConnection connection, LogTailOptions options) {
        this(connection, options, TailRecords.defaultFile());
    }

    /** With the file that records open tails (for tests, or a custom state directory). */
    public LogTailSession(AccountConnection connection, LogTailOptions options, Path recordFile) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.options = options == null ? LogTailOptions.defaults() : options;
        this.records = new TailRecords(Objects.requireNonNull(recordFile, "recordFile"));
        this.buffer = new LogBuffer(this.options.bufferCapacity());
        Duration keepAlive = this.options.keepAlive();
        // Pings twice per window so a healthy link answers within it; the transport's own pong timeout is
        // set beyond the window so that the silence check here decides (renew + one gap) first.
        this.socketOptions = new TailSocketOptions(keepAlive.dividedBy(2), keepAlive.multipliedBy(2), false);
        this.name = "flare-tail-" + SESSIONS.incrementAndGet();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(WORKER_THREADS, daemon(name));
        executor.setRemoveOnCancelPolicy(true);
        this.pool = executor;
        this.merger = new TailMerger(buffer, this.options.reorderWindow(), name + "-merge");
        long period = Math.max(10, keepAlive.toMillis() / 4);
        this.silenceCheck = pool.scheduleWithFixedDelay(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
        this.shutdownHook = new Thread(this::closeFromHook, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Adds Workers to the session (those already tailed are kept). Returns at once; health tells progress. */
    public void start(Collection<String> workers) {
        if (closed.get()) {
            throw new IllegalStateException("The tail session is closed");
        }
        for (String worker : workers) {
            if (worker == null || worker.isBlank()) {
                throw new IllegalArgumentException("A Worker name is missing");
            }
        }
        String accountId = connection.currentAccount().map(Account::id).orElse(null);
        for (String worker : workers) {
            String interned = worker.strip().intern();
            WorkerTail existing = tails.get(interned);
            if (existing != null && existing.state != TailState.FAILED && existing.state != TailState.CLOSED) {
                continue;
            }
            WorkerTail tail = new WorkerTail(interned, accountId);
            tails.put(interned, tail);
            if (existing != null) {
                existing.exec.execute(existing::shutdown);
            }
            tail.exec.execute(tail::begin);
        }
        publishHealth();
    }

    /** Stops tailing one Worker (deletes its tail); its entries stay in the buffer. */
    public void stop(String worker) {
        WorkerTail tail = worker == null ? null : tails.remove(worker);
        if (tail != null) {
            tail.exec.execute(tail::shutdown);
            publishHealth();
        }
    }

    /** Replaces the server filters: every tail is re-created with them (a NOTICE marks the switch). */
    public void setServerFilters(TailFilters filters) {
        TailFilters next = filters == null ? TailFilters.none() : filters;
        if (next.equals(serverFilters)) {
            return;
        }
        serverFilters = next;
        for (WorkerTail tail : tails.values()) {
            tail.exec.execute(tail::filtersChanged);
        }
    }

    public TailFilters serverFilters() {
        return serverFilters;
    }

    public Set<String> workers() {
        return Set.copyOf(new TreeSet<>(tails.keySet()));
    }

    public List<TailHealth> health() {
        return tails.values().stream().map(WorkerTail::health).sorted(Comparator.comparing(TailHealth::worker))
                .toList();
    }

    /** Called (on a session thread) whenever a Worker's health changes. */
    public void addHealthListener(Consumer<List<TailHealth>> listener) {
        healthListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeHealthListener(Consumer<List<TailHealth>> listener) {
        healthListeners.remove(listener);
    }

    public LogBuffer buffer() {
        return buffer;
    }

    /** Counters; {@code filtered} is taken from the given view (null counts 0). */
    public LogCounters counters(LogView view) {
        return new LogCounters(merger.received(), buffer.dropped() + merger.refused(), merger.sampled(),
                view == null ? 0 : view.hidden(), merger.gaps(), buffer.size(), merger.eventsPerSecond());
    }

    /** Events that arrived on both sockets of a renewal and were kept once. */
    public long duplicatesSkipped() {
        return merger.duplicates();
    }

    /** Messages that were not valid tail events and were skipped (each Worker's first one gets a NOTICE). */
    public long malformed() {
        return merger.malformed();
    }

    /** Stops every tail and deletes it on the account; waits at most a few seconds. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; closing here does the same work
        }
        shutDown();
    }

    private void closeFromHook() {
        if (closed.compareAndSet(false, true)) {
            shutDown();
        }
    }

    private void shutDown() {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        silenceCheck.cancel(false);
        List<WorkerTail> all = new ArrayList<>(tails.values());
        CountDownLatch done = new CountDownLatch(all.size());
        for (WorkerTail tail : all) {
            try {
                tail.exec.execute(() -> {
                    try {
                        tail.shutdown();
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                done.countDown();
            }
        }
        try {
            if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("Closing the tails did not finish within {} s; the rest expire on their own",
                        CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        merger.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusMillis(500));
        pool.shutdownNow();
        publishHealth();
    }

    private void checkSilence() {
        for (WorkerTail tail : tails.values()) {
            try {
                tail.exec.execute(tail::checkSilence);
            } catch (RejectedExecutionException closing) {
                return;
            }
        }
    }

    private void publishHealth() {
        if (healthListeners.isEmpty()) {
            return;
        }
        // One lock so that listeners see the snapshots in the order they were taken.
        synchronized (healthLock) {
            List<TailHealth> now = health();
            for (Consumer<List<TailHealth>> l : healthListeners) {
                try {
                    l.accept(now);
                } catch (RuntimeException e) {
                    LOG.warn("A tail health listener failed", e);
                }
            }
        }
    }

    private ScheduledFuture<?> later(Duration delay, WorkerTail tail, Runnable step) {
        try {
            return pool.schedule(() -> tail.exec.execute(step), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    private static String clock(Instant t) {
        return LocalTime.ofInstant(t, ZoneId.systemDefault()).format(CLOCK);
    }

    private static String describe(TailFilters filters) {
        if (filters.isEmpty()) {
            return "none";
        }
        try {
            return JSON.writeValueAsString(filters.toWire());
        } catch (JsonProcessingException e) {
            return filters.toString();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Why a new tail is being created. */
    private enum Purpose {
        /** The first tail of the Worker. */
        START,
        /** Replacing a tail before it expires: overlap, no gap. */
        RENEW,
        /** Replacing a tail because the server filters changed: overlap, a notice. */
        FILTERS,
        /** After the connection dropped or went silent: a gap. */
        RECOVER
    }

    /** One tail of a Worker and its socket. */
    private final class Generation implements TailSocketListener {
        final long id = generations.incrementAndGet();
        final WorkerTail owner;
        final Tail tail;
        final TailFilters filters;
        volatile TailSocket socket;
        volatile long lastSeenMillis = System.currentTimeMillis();
        volatile long lastSeenNanos = System.nanoTime();
        volatile boolean retired;
        boolean opened;

        Generation(WorkerTail owner, Tail tail, TailFilters filters) {
            this.owner = owner;
            this.tail = tail;
            this.filters = filters;
        }

        private void touch() {
            lastSeenMillis = System.currentTimeMillis();
            lastSeenNanos = System.nanoTime();
        }

        @Override
        public void onOpen() {
            touch();
            try {
                owner.exec.execute(() -> owner.opened(this));
            } catch (RejectedExecutionException sessionClosed) {
                // closing deletes this tail anyway
            }
        }

        @Override
        public void onMessage(String json) {
            touch();
            merger.offer(owner.name, id, json);
        }

        @Override
        public void onPong() {
            touch();
        }

        @Override
        public void onClosed(int code, String reason, boolean remote) {
            try {
                owner.exec.execute(() -> owner.closed(this, code, reason, remote));
            } catch (RejectedExecutionException sessionClosed) {
                // nothing left to react to
            }
        }

        @Override
        public void onError(Exception error) {
            // A close always follows; that is where it is handled.
            LOG.debug("Tail socket of {} reported: {}", owner.name, error.toString());
        }
    }

    /** The state machine of one Worker's tail; every method but {@link #health()} runs on {@link #exec}. */
    private final class WorkerTail {
        final String name;
        final String accountId;
        final SerialExecutor exec;
        volatile TailState state = TailState.CONNECTING;
        volatile String detail = "";
        volatile Instant expiresAt;
        Generation current;
        Generation renewing;
        /** Replaced tails kept open a moment after a renewal; closing must end them too. */
        final List<Generation> retiring = new ArrayList<>();
        int attempts;
        Instant gapFrom;
        String gapReason;
        String pendingNotice;
        ScheduledFuture<?> renewTimer;
        ScheduledFuture<?> retryTimer;
        boolean stopped;

        WorkerTail(String name, String accountId) {
            this.name = name;
            this.accountId = accountId;
            this.exec = new SerialExecutor(pool, "the tail of " + name);
        }

        TailHealth health() {
            return new TailHealth(name, state, expiresAt, merger.eventsOf(name), detail);
        }

        void begin() {
            set(TailState.CONNECTING, "Starting the tail…");
            open(Purpose.START);
        }

        /** Creates a tail and connects to it; what happens next comes through {@link Generation}. */
        void open(Purpose purpose) {
            if (stopped || closed.get()) {
                return;
            }
            TailFilters filters = serverFilters;
            TailsClient client;
            Tail tail;
            try {
                client = tailsClient();
                tail = client.create(accountId, name, filters);
            } catch (RuntimeException e) {
                startFailed(purpose, e);
                return;
            }
            records.add(new TailRecords.Entry(accountId, name, tail.id(), tail.expiresAt(), Instant.now()));
            if (stopped || closed.get()) {
                // Shutdown began while the tail was being created: it must not be left behind.
                delete(tail);
                return;
            }
            Generation gen = new Generation(this, tail, filters);
            if (purpose == Purpose.RENEW || purpose == Purpose.FILTERS) {
                renewing = gen;
                merger.overlapStarts(name, current.id, gen.id);
            } else {
                current = gen;
            }
            LOG.debug("Tail {} created for {} (expires {})", tail.id(), name, tail.expiresAt());
            gen.socket = client.connect(tail, socketOptions, gen);
        }

        void opened(Generation gen) {
            if (gen.retired || stopped || closed.get()) {
                return;
            }
            gen.opened = true;
            attempts = 0;
            Instant now = Instant.now();
            if (gen == renewing) {
                Generation old = current;
                current = gen;
                renewing = null;
                if (pendingNotice != null) {
                    merger.control(LogEntries.notice(0, name, now, pendingNotice));
                    pendingNotice = null;
                }
                // Keep the old socket a little so that what it has already sent still arrives, then end it.
                Duration grace = options.reorderWindow().compareTo(Duration.ofMillis(200)) > 0
                        ? options.reorderWindow() : Duration.ofMillis(200);
                retiring.add(old);
                later(grace, this, () -> {
                    retiring.remove(old);
                    retire(old, true);
                });
            } else if (gen == current) {
                if (gapFrom != null) {
                    merger.control(LogEntries.gap(0, name, gapFrom, now, "Events of " + name + " between "
                            + clock(gapFrom) + " and " + clock(now) + " may be missing: " + gapReason + "."));
                    gapFrom = null;
                    gapReason = null;
                }
            } else {
                return;
            }
            expiresAt = gen.tail.expiresAt();
            set(TailState.CONNECTED, "");
            scheduleRenewal(gen);
            if (!gen.filters.equals(serverFilters)) {
                filtersChanged();
            }
        }

        void closed(Generation gen, int code, String reason, boolean remote) {
            if (gen.retired || stopped || closed.get()) {
                return;
            }
            if (gen == renewing) {
                LOG.debug("The new tail of {} did not open ({} {}); keeping the current one", name, code, reason);
                renewing = null;
                retire(gen, false);
                merger.generationEnded(name, gen.id);
                retryRenewal(TailProblems.close(code, reason));
                return;
            }
            if (gen != current) {
                return;
            }
            if (code == 1000 && remote) {
                // Wrangler treats 1000 as a clean stop: the tail was ended on Cloudflare's side.
                current = null;
                retire(gen, false);
                cancelTimers();
                String words = "Cloudflare ended the tail of " + name + " (it was deleted or stopped elsewhere). "
                        + "Start it again to keep tailing.";
                merger.control(LogEntries.notice(0, name, Instant.now(), words));
                set(TailState.CLOSED, words);
                return;
            }
            boolean wasOpen = gen.opened;
            lostContinuity(gen, "the connection was lost (" + TailProblems.close(code, reason) + ")");
            scheduleRecovery((wasOpen ? "The connection to the tail was lost: " : "The tail's WebSocket could not be "
                    + "opened: ") + TailProblems.close(code, reason) + ".");
        }

        void checkSilence() {
            Generation gen = current;
            if (stopped || gen == null || !gen.opened || gen.retired) {
                return;
            }
            long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gen.lastSeenNanos);
            if (idleMillis < options.keepAlive().toMillis()) {
                return;
            }
            Instant now = Instant.now();
            boolean expired = expiresAt != null && now.isAfter(expiresAt);
            String why = expired ? "the tail expired" : "no message and no answer to keep-alive pings for "
                    + idleMillis + " ms";
            LOG.info("Tail of {} went silent ({}); renewing it", name, why);
            lostContinuity(gen, why);
            set(expired ? TailState.EXPIRED : TailState.RENEWING, "The tail went silent (" + why + "); renewing it.");
            open(Purpose.RECOVER);
        }

        /** The current tail is given up: remember from when events may be missing, then end it. */
        private void lostContinuity(Generation gen, String why) {
            // A socket that never opened delivered nothing, so it leaves no gap of its own.
            if (gapFrom == null && gen.opened) {
                gapFrom = Instant.ofEpochMilli(gen.lastSeenMillis);
                gapReason = why;
            }
            if (renewing != null) {
                retire(renewing, false);
                merger.generationEnded(name, renewing.id);
                renewing = null;
            }
            current = null;
            cancelTimers();
            retire(gen, false);
            merger.generationEnded(name, gen.id);
        }

        void filtersChanged() {
            if (stopped || closed.get()) {
                return;
            }
            Generation gen = current;
            String words = "Server filters changed (" + describe(serverFilters) + "); the tail of " + name
                    + " was re-created with them.";
            if (gen == null || !gen.opened || renewing != null) {
                // Not connected right now (or already replacing): the next tail is created with the new
                // filters, or opened() notices the difference and replaces it once more.
                if (gen == null) {
                    merger.control(LogEntries.notice(0, name, Instant.now(), words));
                }
                return;
            }
            if (gen.filters.equals(serverFilters)) {
                return;
            }
            pendingNotice = words;
            renew(gen, Purpose.FILTERS);
        }

        private void renew(Generation gen, Purpose purpose) {
            if (stopped || closed.get() || gen != current || renewing != null) {
                return;
            }
            if (purpose == Purpose.RENEW) {
                set(TailState.RENEWING, "Renewing the tail before it expires.");
            }
            open(purpose);
            if (renewing == null && current == gen && state == TailState.RENEWING) {
                set(TailState.CONNECTED, detail);
            }
        }

        private void scheduleRenewal(Generation gen) {
            cancel(renewTimer);
            renewTimer = null;
            Instant expiry = gen.tail.expiresAt();
            if (expiry == null) {
                return;
            }
            Instant now = Instant.now();
            Instant at = expiry.minus(options.renewBefore());
            if (!at.isAfter(now)) {
                // A lifetime shorter than renewBefore: renew halfway instead of immediately, again and again.
                at = now.plus(Duration.between(now, expiry).dividedBy(2));
            }
            renewTimer = later(Duration.between(now, at), this, () -> renew(gen, Purpose.RENEW));
        }

        private void retryRenewal(String problem) {
            Generation gen = current;
            attempts++;
            if (gen == null || attempts > options.maxReconnects()) {
                set(TailState.CONNECTED, "The tail could not be renewed (" + problem + "); it stops at "
                        + (expiresAt == null ? "its expiry" : clock(expiresAt)) + " and is then replaced.");
                return;
            }
            Duration delay = options.backoff(attempts);
            set(TailState.CONNECTED, "Renewing the tail failed (" + problem + "); trying again in "
                    + seconds(delay) + ".");
            cancel(renewTimer);
            renewTimer = later(delay, this, () -> renew(gen, Purpose.RENEW));
        }

        private void startFailed(Purpose purpose, RuntimeException e) {
            String words = TailProblems.startFailed(name, e);
            if (purpose == Purpose.RENEW || purpose == Purpose.FILTERS) {
                LOG.warn("Replacing the tail of {} failed: {}", name, words);
                pendingNotice = null;
                if (TailProblems.isPermanent(e)) {
                    set(TailState.CONNECTED, "The tail could not be replaced: " + words);
                } else {
                    retryRenewal(words);
                }
                return;
            }
            if (TailProblems.isPermanent(e)) {
                fail(words);
            } else {
                LOG.info("Starting the tail of {} failed, will retry: {}", name, words);
                scheduleRecovery(words);
            }
        }

        private void scheduleRecovery(String problem) {
            attempts++;
            if (attempts > options.maxReconnects()) {
                fail(problem + " Gave up after " + options.maxReconnects()
                        + (options.maxReconnects() == 1 ? " attempt" : " attempts") + " to reconnect.");
                return;
            }
            Duration delay = options.backoff(attempts);
            set(TailState.RECONNECTING, problem + " Reconnecting in " + seconds(delay) + " (attempt " + attempts
                    + " of " + options.maxReconnects() + ").");
            cancel(retryTimer);
            retryTimer = later(delay, this, () -> {
                if (!stopped && current == null) {
                    open(Purpose.RECOVER);
                }
            });
        }

        private void fail(String words) {
            LOG.warn("Tail of {} failed: {}", name, words);
            cancelTimers();
            if (current != null) {
                retire(current, false);
                current = null;
            }
            if (renewing != null) {
                retire(renewing, false);
                merger.generationEnded(name, renewing.id);
                renewing = null;
            }
            merger.control(LogEntries.notice(0, name, Instant.now(), "The tail of " + name + " failed: " + words));
            set(TailState.FAILED, words);
        }

        /** Ends a tail: closes its socket, deletes it on the account, forgets its record. */
        private void retire(Generation gen, boolean endsOverlap) {
            if (gen == null || gen.retired) {
                return;
            }
            gen.retired = true;
            TailSocket socket = gen.socket;
            if (socket != null) {
                socket.close();
            }
            delete(gen.tail);
            if (endsOverlap) {
                later(DEDUPE_GRACE, this, () -> merger.generationEnded(name, gen.id));
            }
        }

        /** Best effort, as wrangler: a tail already gone counts as deleted; other failures are logged. */
        private void delete(Tail tail) {
            try {
                tailsClient().delete(accountId, name, tail.id());
                records.remove(tail.id());
            } catch (NotFoundException gone) {
                records.remove(tail.id());
            } catch (RuntimeException e) {
                TailRecords.release(tail.id());
                LOG.warn("Deleting tail {} of {} failed (it expires on its own; the next start offers to clean it "
                        + "up): {}", tail.id(), name, e.getMessage());
            }
        }

        void shutdown() {
            boolean wasStopped = stopped;
            stopped = true;
            cancelTimers();
            retire(renewing, false);
            retire(current, false);
            retiring.forEach(g -> retire(g, false));
            retiring.clear();
            renewing = null;
            current = null;
            if (!wasStopped) {
                set(TailState.CLOSED, "");
            }
        }

        private void cancelTimers() {
            cancel(renewTimer);
            cancel(retryTimer);
            renewTimer = null;
            retryTimer = null;
        }

        private void set(TailState next, String words) {
            if (next == state && Objects.equals(words, detail)) {
                return;
            }
            state = next;
            detail = words == null ? "" : words;
            publishHealth();
        }

        private TailsClient tailsClient() {
            if (accountId == null) {
                throw new TailProblems.NotConnectedException("No account is chosen");
            }
            CloudflareClient client = connection.client()
                    .orElseThrow(() -> new TailProblems.NotConnectedException("Not connected"));
            return client.workers().tails();
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
