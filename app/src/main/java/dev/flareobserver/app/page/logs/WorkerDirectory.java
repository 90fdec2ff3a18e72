package dev.flareobserver.app.page.logs;

import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The account's Worker names, for the Logs page's picker. */
public interface WorkerDirectory {

    /**
     * Calls {@code whenKnown} (on any thread) with the names, sorted: at once when they are known and
     * {@code fresh} is false, else after one refresh (another account was chosen). Not called when not
     * connected.
     */
    void names(boolean fresh, Consumer<List<String>> whenKnown);

    /** No Workers: for tests and before connecting. */
    static WorkerDirectory none() {
        return (fresh, whenKnown) -> { };
    }

    /**
     * The Workers the shared account monitor knows (its scripts list). When it has not loaded yet
     * (the Logs page was opened first), one refresh is asked for; it does not start polling.
     */
    static WorkerDirectory of(Supplier<Optional<AccountMonitor>> monitors) {
        Objects.requireNonNull(monitors);
        return (fresh, whenKnown) -> monitors.get().ifPresent(m -> {
            AccountSnapshot now = m.snapshot();
            if (now.isLoaded() && !fresh) {
                whenKnown.accept(sorted(now));
                return;
            }
            Consumer<AccountSnapshot> once = new Consumer<>() {
                private final AtomicBoolean done = new AtomicBoolean();

                @Override
                public void accept(AccountSnapshot s) {
                    if (s.isLoaded() && s != now && done.compareAndSet(false, true)) {
                        m.removeListener(this);
                        whenKnown.accept(sorted(s));
                    }
                }
            };
            m.addListener(once);
            m.refreshNow();
        });
    }

    private static List<String> sorted(AccountSnapshot s) {
        return s.workers().stream().map(WorkerRow::scriptName).distinct().sorted().toList();
    }
}
