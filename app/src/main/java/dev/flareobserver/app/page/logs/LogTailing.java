package dev.flareobserver.app.page.logs;

import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.logtail.LeftoverTail;
import dev.flareobserver.orchestration.logtail.LogBuffer;
import dev.flareobserver.orchestration.logtail.LogCounters;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.logtail.LogTailService;
import dev.flareobserver.orchestration.logtail.LogTailSession;
import dev.flareobserver.orchestration.logtail.LogView;
import dev.flareobserver.orchestration.logtail.TailHealth;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the Logs page does with orchestration's log tails. The app passes {@link #of} (the real
 * {@link LogTailService} on the current connection); view-model tests pass a fake, so they run
 * without a network or a toolkit. Every method but {@link Session#start} and the getters may block
 * on HTTP: the view model calls them from tasks.
 */
public interface LogTailing {

    /** A new session on the current account; empty when not connected. */
    Optional<Session> open();

    /** Tails an earlier run left open on the current account; empty when not connected. Blocks. */
    List<LeftoverTail> findLeftovers();

    /** Deletes them; returns how many were deleted. Blocks. */
    int cleanUp(List<LeftoverTail> leftovers);

    /** One tail session: the part of {@link LogTailSession} the page uses. */
    interface Session extends AutoCloseable {

        void start(Collection<String> workers);

        void stop(String worker);

        void setServerFilters(TailFilters filters);

        Set<String> workers();

        List<TailHealth> health();

        LogBuffer buffer();

        LogCounters counters(LogView view);

        void addHealthListener(Consumer<List<TailHealth>> listener);

        @Override
        void close();
    }

    /** The real thing: a {@link LogTailService} on whatever connection is current when asked. */
    static LogTailing of(Supplier<Optional<AccountConnection>> connections, LogTailOptions options) {
        Objects.requireNonNull(connections);
        Objects.requireNonNull(options);
        return new LogTailing() {
            @Override
            public Optional<Session> open() {
                return connections.get().map(c -> wrap(new LogTailService(c).open(options)));
            }

            @Override
            public List<LeftoverTail> findLeftovers() {
                return connections.get().map(c -> new LogTailService(c).findLeftovers()).orElse(List.of());
            }

            @Override
            public int cleanUp(List<LeftoverTail> leftovers) {
                return connections.get().map(c -> new LogTailService(c).cleanUp(leftovers)).orElse(0);
            }
        };
    }

    private static Session wrap(LogTailSession s) {
        return new Session() {
            @Override
            public void start(Collection<String> workers) {
                s.start(workers);
            }

            @Override
            public void stop(String worker) {
                s.stop(worker);
            }

            @Override
            public void setServerFilters(TailFilters filters) {
                s.setServerFilters(filters);
            }

            @Override
            public Set<String> workers() {
                return s.workers();
            }

            @Override
            public List<TailHealth> health() {
                return s.health();
            }

            @Override
            public LogBuffer buffer() {
                return s.buffer();
            }

            @Override
            public LogCounters counters(LogView view) {
                return s.counters(view);
            }

            @Override
            public void addHealthListener(Consumer<List<TailHealth>> listener) {
                s.addHealthListener(listener);
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
