package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.orchestration.connection.AccountSummary;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flare-observer workers}: the Workers table of the account, once or redrawn like {@code top}. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "The Workers of the account: requests, errors, CPU and wall time, subrequests, last deploy and "
                + "health, busiest first. One analytics query for the whole account; --watch redraws it like top.")
final class WorkersCommand implements Callable<Integer> {

    /** Clear the screen and home the cursor, as top does between frames. */
    static final String CLEAR = "\033[H\033[2J";
    private static final Duration FIRST_SNAPSHOT_TIMEOUT = Duration.ofSeconds(90);

    private final CliContext ctx;

    @Option(names = "--json", description = "Print JSON instead of a table (with --watch: one JSON document a line).")
    boolean json;

    @Option(names = "--since", paramLabel = "SPAN", defaultValue = "15m",
            description = "What the figures cover: 15m, 1h, 6h, 24h or 7d (default: ${DEFAULT-VALUE}, as in the app).")
    String since;

    @Option(names = "--watch", description = "Refresh every --interval seconds until Ctrl+C.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    WorkersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** "15m", "1h", "6h", "24h", "7d" (also "15 m", "1 H"); empty when not one of them. */
    static Optional<TimeWindow> parseSpan(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replace(" ", "").toLowerCase(Locale.ROOT);
        for (TimeWindow w : TimeWindow.values()) {
            if (w.label().replace(" ", "").equals(compact)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    @Override
    public Integer call() throws Exception {
        Optional<TimeWindow> span = parseSpan(since);
        if (span.isEmpty()) {
            ctx.err().println("--since must be one of 15m, 1h, 6h, 24h, 7d (got '" + since + "')");
            return FlareCli.USAGE;
        }
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            ctx.err().println("--interval must be between 1 and 3600 seconds");
            return FlareCli.USAGE;
        }
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            MonitorOptions defaults = MonitorOptions.defaults();
            Duration current = span.get().duration();
            // The trend compares with the span before; never less than the app's hour, so QUIET means the same.
            Duration previous = current.compareTo(defaults.previousSpan()) > 0 ? current : defaults.previousSpan();
            MonitorOptions options = defaults.withSpans(current, previous)
                    .withInterval(Duration.ofSeconds(intervalSeconds));
            try (AccountMonitor monitor = new AccountMonitor(connection, options)) {
                // The load series is not printed: keep its part of the query as small as it goes.
                monitor.setWindow(TimeWindow.M15);
                return watch ? watch(monitor, s.current(), span.get()) : once(monitor, s.current(), span.get());
            }
        });
    }

    private int once(AccountMonitor monitor, AccountSummary account, TimeWindow span) throws Exception {
        AtomicReference<AccountSnapshot> got = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        monitor.addListener(s -> {
            if (s.isLoaded() || s.problem() != null) {
                got.compareAndSet(null, s);
                done.countDown();
            }
        });
        monitor.refreshNow();
        if (!done.await(FIRST_SNAPSHOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            ctx.err().println("Error: no answer from the analytics API within " + FIRST_SNAPSHOT_TIMEOUT.toSeconds() + " s.");
            return FlareCli.FAILURE;
        }
        AccountSnapshot s = got.get();
        if (!s.isLoaded()) {
            ctx.err().println("Error: " + s.problem().message());
            if (!s.problem().details().isBlank()) {
                ctx.err().println();
                s.problem().details().lines().forEach(l -> ctx.err().println("  " + l));
            }
            return FlareCli.FAILURE;
        }
        print(s, account, span, false);
        return FlareCli.OK;
    }

    private int watch(AccountMonitor monitor, AccountSummary account, TimeWindow span) {
        boolean terminal = System.console() != null && !json;
        Consumer<AccountSnapshot> redraw = s -> {
            synchronized (this) {
                try {
                    print(s, account, span, terminal);
                } catch (Exception e) {
                    ctx.err().println("Error: " + e.getMessage());
                }
            }
        };
        monitor.addListener(redraw);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            monitor.close();
            stopped.countDown();
        }, "flare-workers-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        monitor.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already running the hook: nothing to remove.
            }
        }
        return FlareCli.OK;
    }

    private void print(AccountSnapshot s, AccountSummary account, TimeWindow span, boolean clear) throws Exception {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            if (!watch) {
                mapper.enable(SerializationFeature.INDENT_OUTPUT);
            }
            ctx.out().println(mapper.writeValueAsString(
                    WorkersTable.json(account.id(), account.name(), span.label(), s)));
        } else {
            if (clear) {
                ctx.out().print(CLEAR);
            } else if (watch) {
                ctx.out().println();
            }
            ctx.out().print(WorkersTable.render(account.label(), span.label(), s, Clock.systemUTC(),
                    ZoneId.systemDefault()));
        }
        ctx.out().flush();
    }
}
