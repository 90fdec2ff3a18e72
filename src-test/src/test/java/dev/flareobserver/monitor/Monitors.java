package dev.flareobserver.monitor;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionSnapshot;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerDetailSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test helpers: connect to an emulator and wait for monitor snapshots. */
public final class Monitors {

    public static AccountConnection connect(Emulator emulator) {
        AccountConnection connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        ConnectionSnapshot snapshot = connection.connect();
        if (!snapshot.isConnected()) {
            throw new AssertionError("could not connect to the emulator: " + snapshot.problem());
        }
        return connection;
    }

    /** Asks for a refresh and waits for the first snapshot that satisfies the condition. */
    public static AccountSnapshot refresh(AccountMonitor monitor, Predicate<AccountSnapshot> until) throws Exception {
        CompletableFuture<AccountSnapshot> next = new CompletableFuture<>();
        java.util.function.Consumer<AccountSnapshot> listener = s -> {
            if (until.test(s)) {
                next.complete(s);
            }
        };
        monitor.addListener(listener);
        try {
            return askUntil(monitor::refreshNow, next);
        } finally {
            monitor.removeListener(listener);
        }
    }

    public static WorkerDetailSnapshot refresh(WorkerMonitor monitor, Predicate<WorkerDetailSnapshot> until) throws Exception {
        CompletableFuture<WorkerDetailSnapshot> next = new CompletableFuture<>();
        java.util.function.Consumer<WorkerDetailSnapshot> listener = s -> {
            if (until.test(s)) {
                next.complete(s);
            }
        };
        monitor.addListener(listener);
        try {
            return askUntil(monitor::refreshNow, next);
        } finally {
            monitor.removeListener(listener);
        }
    }

    /**
     * A monitor skips a refresh asked for while one is still running (by design), and a listener hears
     * a snapshot just before its refresh ends: so ask again every half second until one matches.
     */
    private static <T> T askUntil(Runnable refreshNow, CompletableFuture<T> next) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            refreshNow.run();
            try {
                return next.get(500, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new java.util.concurrent.TimeoutException("no matching snapshot within 30 s");
                }
            }
        }
    }

    private Monitors() {}
}
