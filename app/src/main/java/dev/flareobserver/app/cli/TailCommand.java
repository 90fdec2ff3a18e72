package dev.flareobserver.app.cli;

import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.app.page.logs.ServerFilters;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogExport;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.logtail.LogTailService;
import dev.flareobserver.orchestration.logtail.LogTailSession;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.TailState;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flare-observer tail WORKER...}: the live logs of one or more Workers, merged, as {@code wrangler tail}
 * prints them. Events go to stdout (json: one compact JSON object a line, the object wrangler prints;
 * pretty: readable lines); gaps, notices and problems go to stderr, so stdout stays parseable. On any
 * exit (the limit reached, Ctrl+C, SIGTERM) the tails are deleted on the account before the JVM ends.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Stream the live logs of one or more Workers, merged in time order, as wrangler tail does. "
                + "Events go to stdout, gaps and notices to stderr. The tails are deleted again on exit "
                + "(Ctrl+C included).")
final class TailCommand implements Callable<Integer> {

    /** Script names as Cloudflare accepts them. */
    static final Pattern WORKER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final long IDLE_POLL_MILLIS = 50;
    private static final int BATCH = 1_000;

    private final CliContext ctx;

    @Parameters(paramLabel = "WORKER", arity = "1..*", description = "The Workers (script names) to tail.")
    List<String> workers = new ArrayList<>();

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Only events with this outcome: ok, error or canceled (repeatable).")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--method", paramLabel = "METHOD", split = ",",
            description = "Only requests with this HTTP method (repeatable).")
    List<String> methods = new ArrayList<>();

    @Option(names = "--header", paramLabel = "NAME[:VALUE]",
            description = "Only requests with this header (and value).")
    String header;

    @Option(names = "--ip", paramLabel = "IP", split = ",",
            description = "Only requests from this client IP; 'self' for your own (repeatable).")
    List<String> ips = new ArrayList<>();

    @Option(names = "--search", paramLabel = "TEXT", description = "Only events whose console logs contain TEXT.")
    String search;

    @Option(names = "--sampling-rate", paramLabel = "RATE",
            description = "Keep this fraction of events, between 0 and 1 (exclusive).")
    String samplingRate;

    @Option(names = "--version-id", paramLabel = "ID", description = "Only events served by this Worker version.")
    String versionId;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "json (one JSON event a line) or pretty (default: pretty on a terminal, json otherwise, "
                    + "as wrangler).")
    String format;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
    Integer limit;

    TailCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** What the flags mean, checked before anything is started or sent. */
    record Plan(List<String> workers, TailFilters filters, boolean json, long limit) {
    }

    /** The plan, or a message for the user (exit code 2). Sends nothing. */
    static Plan plan(List<String> workers, List<String> statuses, List<String> methods, String header,
                     List<String> ips, String search, String samplingRate, String versionId, String format,
                     Integer limit, boolean terminal) {
        Set<String> names = new LinkedHashSet<>();
        for (String w : workers) {
            if (!WORKER_NAME.matcher(w).matches()) {
                throw new IllegalArgumentException("'" + w + "' is not a Worker name (letters, digits, - and _)");
            }
            names.add(w);
        }
        String f = format == null ? (terminal ? "pretty" : "json") : format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("pretty")) {
            throw new IllegalArgumentException("--format must be json or pretty (got '" + format + "')");
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1 (got " + limit + ")");
        }
        TailFilters filters = ServerFilters.build(statuses, methods, header, ips, search, samplingRate, versionId);
        return new Plan(List.copyOf(names), filters, f.equals("json"), limit == null ? Long.MAX_VALUE : limit);
    }

    @Override
    public Integer call() throws Exception {
        Plan plan;
        try {
            plan = plan(workers, statuses, methods, header, ips, search, samplingRate, versionId, format, limit,
                    System.console() != null);
        } catch (IllegalArgumentException e) {
            ctx.err().println("Error: " + e.getMessage());
            return FlareCli.USAGE;
        }
        Plan chosen = plan;
        return CliConnections.withConnection(ctx, true,
                (connection, s) -> tail(new LogTailService(connection), chosen, s.current().label()));
    }

    private int tail(LogTailService service, Plan plan, String account) {
        LogTailSession session = service.open(LogTailOptions.defaults());
        SessionCloser closer = new SessionCloser(session, ctx.err());
        Thread hook = new Thread(closer::closeOnShutdown, "flare-tail-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, TailState> states = new ConcurrentHashMap<>();
        Set<String> reported = ConcurrentHashMap.newKeySet();
        session.addHealthListener(list -> {
            for (TailHealth h : list) {
                TailState before = states.put(h.worker(), h.state());
                if (h.state() == TailState.FAILED && before != TailState.FAILED && reported.add(h.worker())) {
                    ctx.err().println("Error: the tail of " + h.worker() + " failed"
                            + (h.detail() == null || h.detail().isBlank() ? "." : ": " + h.detail()));
                    ctx.err().flush();
                }
            }
        });
        try {
            if (!plan.filters().isEmpty()) {
                session.setServerFilters(plan.filters());
            }
            session.start(plan.workers());
            ctx.err().println("Tailing " + String.join(", ", plan.workers()) + " on " + account
                    + (plan.filters().isEmpty() ? "" : " (" + ServerFilters.summary(plan.filters()) + ")")
                    + ". Ctrl+C to stop.");
            ctx.err().flush();
            int code = stream(session, plan, closer, states);
            if (closer.shuttingDown()) {
                closer.awaitJvmExit();
            }
            return code;
        } finally {
            closer.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs (or ran) already: it closed the session.
            }
        }
    }

    /** Prints entries as they arrive until the limit, a stop, or every tail failed. */
    private int stream(LogTailSession session, Plan plan, SessionCloser closer, Map<String, TailState> states) {
        long after = 0;
        long events = 0;
        PrintWriter out = ctx.out();
        PrintWriter err = ctx.err();
        List<LogEntry> pending = new ArrayList<>();
        while (!closer.stopping()) {
            List<LogEntry> batch = session.buffer().after(after, BATCH);
            if (!batch.isEmpty() && after > 0 && batch.get(0).seq() > after + 1) {
                long lost = batch.get(0).seq() - after - 1;
                err.println("⚠ " + lost + (lost == 1 ? " entry was" : " entries were")
                        + " dropped before they could be printed (the output is slower than the stream)");
            }
            boolean limitReached = false;
            for (LogEntry e : batch) {
                after = e.seq();
                if (e.kind() == EntryKind.EVENT) {
                    pending.add(e);
                    events++;
                    if (events >= plan.limit()) {
                        limitReached = true;
                        break;
                    }
                } else {
                    // Gaps and notices go to stderr, in order with the events printed before them.
                    print(pending, out, plan.json());
                    pending.clear();
                    print(List.of(e), err, false);
                }
            }
            print(pending, out, plan.json());
            pending.clear();
            if (limitReached) {
                return FlareCli.OK;
            }
            if (allFailed(plan.workers(), states)) {
                return FlareCli.FAILURE;
            }
            if (batch.isEmpty()) {
                closer.await(IDLE_POLL_MILLIS);
            }
        }
        return FlareCli.OK;
    }

    static boolean allFailed(List<String> workers, Map<String, TailState> states) {
        for (String w : workers) {
            if (states.get(w) != TailState.FAILED) {
                return false;
            }
        }
        return !workers.isEmpty();
    }

    private static void print(List<LogEntry> entries, PrintWriter to, boolean json) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            if (json) {
                // The event as received, one compact object a line: what wrangler's --format json prints.
                LogExport.writeNdjson(entries, to);
            } else {
                LogExport.writeText(entries, to);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Closes the session once, from whichever comes first: the command ending or the JVM's shutdown hook
     * (Ctrl+C, SIGTERM). The other caller waits until the tails are deleted, so the connection is not closed
     * under the deletes and the JVM does not end before them.
     */
    static final class SessionCloser {
        private final AutoCloseable session;
        private final PrintWriter err;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicBoolean shutdown = new AtomicBoolean();
        private final Object wake = new Object();
        private boolean closed;

        SessionCloser(AutoCloseable session, PrintWriter err) {
            this.session = session;
            this.err = err;
        }

        boolean stopping() {
            return stopping.get();
        }

        void await(long millis) {
            synchronized (wake) {
                if (!stopping.get()) {
                    try {
                        wake.wait(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopping.set(true);
                    }
                }
            }
        }

        /** Whether the JVM is shutting down (Ctrl+C, SIGTERM). */
        boolean shuttingDown() {
            return shutdown.get();
        }

        /**
         * During a shutdown the command must not go on to close the connection (or the demo emulator) while
         * the hooks still delete tails through it: it waits here until the JVM halts after the hooks.
         */
        void awaitJvmExit() {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void closeOnShutdown() {
            shutdown.set(true);
            stopping.set(true);
            synchronized (wake) {
                wake.notifyAll();
            }
            close();
        }

        synchronized void close() {
            stopping.set(true);
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (Exception e) {
                // Reported, not thrown: this may run in a shutdown hook.
                err.println("Warning: not every tail could be deleted (" + e.getMessage()
                        + "); the app offers to clean them up on its next start.");
                err.flush();
            }
        }

    }
}
