package dev.flareobserver.app.page.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LeftoverTail;
import dev.flareobserver.orchestration.logtail.LogBuffer;
import dev.flareobserver.orchestration.logtail.LogCounters;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import dev.flareobserver.orchestration.logtail.LogView;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.TailState;
import dev.flareobserver.orchestration.logtail.ViewUpdate;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Logs page's view model, without a toolkit: a fake session over a real buffer and view. */
class LogsViewModelTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:01:02.345Z");
    private static final long FRAME = 16_666_667L;

    @TempDir
    Path dir;

    private final FakeTailing tailing = new FakeTailing();
    private long now = 1_000_000_000L;

    private LogsViewModel vm() {
        LogsViewModel vm = new LogsViewModel(tailing, (fresh, whenKnown) -> whenKnown.accept(
                List.of("checkout-api", "legacy-cron", "payments-webhook")), TaskRunner.sameThread(), Runnable::run,
                ZoneOffset.UTC);
        vm.sessionChanged("acct-1");
        return vm;
    }

    private LogsViewModel tailing(String... workers) {
        LogsViewModel vm = vm();
        for (String w : workers) {
            vm.choices().stream().filter(c -> c.name().equals(w)).findFirst().orElseThrow().selectedProperty().set(true);
        }
        vm.start();
        return vm;
    }

    private ViewUpdate frame(LogsViewModel vm) {
        now += FRAME;
        return vm.pulse(now);
    }

    static LogEntry event(long seq, String worker, String outcome, LogLevel level, String line) {
        return new LogEntry(seq, T0.plusMillis(seq), worker, EntryKind.EVENT, "fetch", outcome, "GET",
                "https://shop.example.com/item/" + seq, outcome.equals("ok") ? 200 : 500, line, level,
                outcome.equals("exception"),
                "{\"outcome\":\"" + outcome + "\",\"scriptName\":\"" + worker + "\",\"logs\":[{\"message\":[\"" + line
                        + "\"],\"level\":\"log\"}],\"exceptions\":" + (outcome.equals("exception")
                        ? "[{\"name\":\"TypeError\",\"message\":\"x is undefined\",\"stack\":\"TypeError: x is undefined\\n"
                        + "    at handle (worker.js:12:5)\"}]" : "[]") + ",\"eventTimestamp\":" + T0.plusMillis(seq)
                        .toEpochMilli() + ",\"event\":{\"request\":{\"url\":\"https://shop.example.com/item/" + seq
                        + "\",\"method\":\"GET\"}}}",
                null, null);
    }

    private void emit(int n, String worker) {
        LogBuffer b = tailing.session.buffer();
        List<LogEntry> batch = new ArrayList<>();
        long seq = b.nextSeq();
        for (int i = 0; i < n; i++) {
            batch.add(event(seq + i, worker, "ok", LogLevel.LOG, "served item " + (seq + i)));
        }
        b.append(batch);
    }

    // --- starting, picker, health ---------------------------------------------------------------------------

    @Test
    void thePageExplainsWhatToDoBeforeAnythingIsTailed() {
        LogsViewModel vm = new LogsViewModel(tailing, WorkerDirectory.none(), TaskRunner.sameThread(), Runnable::run,
                ZoneOffset.UTC);
        assertThat(vm.emptyTextProperty().get()).contains("Connect to an account");
        vm.sessionChanged("acct-1");
        assertThat(vm.emptyTextProperty().get()).isEqualTo("Pick Workers and press Start to tail their live logs.");
        assertThat(vm.canStartProperty().get()).as("nothing picked yet").isFalse();
    }

    @Test
    void startTailsTheCheckedWorkersAndSaysItIsWaitingForEvents() {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");

        assertThat(tailing.session.started).containsExactly("checkout-api", "payments-webhook");
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.pickerTextProperty().get()).isEqualTo("checkout-api and payments-webhook");
        assertThat(vm.tailedWorkers()).containsExactly("checkout-api", "payments-webhook");
        assertThat(vm.emptyTextProperty().get()).startsWith("Waiting for events from checkout-api and payments-webhook");
    }

    @Test
    void theCurrentServerFiltersAreSentBeforeTheTailsStart() {
        LogsViewModel vm = vm();
        vm.serverForm().statusErrorProperty().set(true);
        vm.applyServerFilters();
        vm.tail("checkout-api");

        assertThat(tailing.session.calls).containsExactly("filters [exception, exceededCpu, exceededMemory, unknown]",
                "start [checkout-api]");
    }

    @Test
    void tailFromAnotherPageTailsThatWorkerAloneOrAddsItToRunningTails() {
        LogsViewModel vm = vm();
        vm.choices().get(1).selectedProperty().set(true);
        vm.tail("checkout-api");
        assertThat(tailing.session.started).containsExactly("checkout-api");
        assertThat(vm.selectedWorkers()).containsExactly("checkout-api");

        vm.tail("payments-webhook");
        assertThat(tailing.opened).as("the running session gets it").isEqualTo(1);
        assertThat(tailing.session.started).containsExactly("checkout-api", "payments-webhook");
    }

    @Test
    void applyingThePickerWhileTailingAddsAndStopsWorkers() {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");
        vm.choices().get(0).selectedProperty().set(false);
        vm.choices().get(1).selectedProperty().set(true);
        assertThat(vm.pickerActionProperty().get()).isEqualTo("Apply");
        vm.start();

        assertThat(tailing.session.calls).contains("start [legacy-cron]", "stop checkout-api");
        assertThat(vm.tailedWorkers()).containsExactly("legacy-cron", "payments-webhook");
    }

    @Test
    void healthBecomesOneChipPerWorkerWithTheDetailInItsTooltip() {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");
        tailing.session.publish(List.of(
                new TailHealth("payments-webhook", TailState.RECONNECTING, null, 12,
                        "the connection was cut (code 1006); next try in 2 s"),
                new TailHealth("checkout-api", TailState.CONNECTED, T0.plusSeconds(3600), 40, "")));

        assertThat(vm.health()).extracting(HealthChip::text)
                .containsExactly("checkout-api · connected", "payments-webhook · reconnecting");
        assertThat(vm.health().get(1).styleClass()).isEqualTo("tail-warn");
        assertThat(vm.health().get(1).tooltip()).contains("code 1006").contains("12 events");
    }

    @Test
    void stoppingClosesTheSessionAndKeepsTheRows() {
        LogsViewModel vm = tailing("checkout-api");
        emit(3, "checkout-api");
        frame(vm);
        vm.stopTailing();

        assertThat(tailing.session.closed).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.rows()).hasSize(3);
        assertThat(vm.health()).isEmpty();
    }

    @Test
    void framesAreWantedWhileTailingAndUntilAStoppedSessionIsFullyShown() {
        LogsViewModel vm = vm();
        assertThat(vm.pulseWantedProperty().get()).as("nothing to show yet").isFalse();
        vm.tail("checkout-api");
        assertThat(vm.pulseWantedProperty().get()).isTrue();
        frame(vm);
        assertThat(vm.pulseWantedProperty().get()).as("tailing: events may come any frame").isTrue();

        emit(2, "checkout-api");
        vm.stopTailing();
        frame(vm);
        assertThat(vm.rows()).as("what arrived before the stop is shown").hasSize(2);
        frame(vm);
        assertThat(vm.pulseWantedProperty().get()).as("stopped and shown: no more frames").isFalse();

        vm.minLevelProperty().set(LogLevel.WARN);
        assertThat(vm.pulseWantedProperty().get()).as("a filter change needs one more frame").isTrue();
        frame(vm);
        assertThat(vm.rows()).isEmpty();
        frame(vm);
        assertThat(vm.pulseWantedProperty().get()).isFalse();
    }

    @Test
    void anAccountSwitchClosesTheTailsOfTheOldAccountAndEmptiesThePage() {
        LogsViewModel vm = tailing("checkout-api");
        emit(3, "checkout-api");
        frame(vm);
        vm.sessionChanged("acct-2");

        assertThat(tailing.session.closed).isTrue();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).contains("Switched account");
    }

    @Test
    void losingTheConnectionKeepsTheTailsButReconnectingToAnotherAccountIsASwitch() {
        LogsViewModel vm = tailing("checkout-api");
        vm.sessionChanged(null);
        assertThat(tailing.session.closed).as("the session reconnects by itself").isFalse();
        vm.sessionChanged("acct-1");
        assertThat(tailing.session.closed).isFalse();
        vm.sessionChanged(null);
        vm.sessionChanged("acct-2");
        assertThat(tailing.session.closed).isTrue();
    }

    @Test
    void closingTheAppClosesTheSession() {
        LogsViewModel vm = tailing("checkout-api");
        vm.close();
        assertThat(tailing.session.closed).isTrue();
    }

    @Test
    void startingWithoutAConnectionSaysSo() {
        tailing.connected = false;
        LogsViewModel vm = tailing("checkout-api");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Not connected");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }

    // --- server filters ----------------------------------------------------------------------------------------

    @Test
    void anInvalidServerFilterSaysWhyAndChangesNothing() {
        LogsViewModel vm = tailing("checkout-api");
        vm.serverForm().samplingRateProperty().set("2");
        vm.applyServerFilters();

        assertThat(vm.serverFilterErrorProperty().get())
                .isEqualTo("Sampling rate must be between 0 and 1 (exclusive), got 2.0. Nothing was changed.");
        assertThat(vm.serverFilters()).isEqualTo(TailFilters.none());
        assertThat(tailing.session.calls).containsExactly("start [checkout-api]");

        vm.serverForm().samplingRateProperty().set("lots");
        vm.applyServerFilters();
        assertThat(vm.serverFilterErrorProperty().get()).startsWith("Sampling rate must be a number");

        vm.serverForm().samplingRateProperty().set("");
        vm.serverForm().versionIdProperty().set("v42");
        vm.applyServerFilters();
        assertThat(vm.serverFilterErrorProperty().get()).startsWith("Version id must be a UUID, got 'v42'");

        vm.serverForm().versionIdProperty().set("");
        vm.serverForm().methodsProperty().set("GET, P0ST");
        vm.applyServerFilters();
        assertThat(vm.serverFilterErrorProperty().get()).startsWith("Not an HTTP method: 'P0ST'");
        assertThat(tailing.session.calls).containsExactly("start [checkout-api]");
    }

    @Test
    void validServerFiltersReCreateTheRunningTails() {
        LogsViewModel vm = tailing("checkout-api");
        vm.serverForm().methodsProperty().set("post");
        vm.serverForm().headerProperty().set("x-tenant: acme");
        vm.serverForm().samplingRateProperty().set("10%");
        vm.applyServerFilters();

        assertThat(vm.serverFilterErrorProperty().get()).isEmpty();
        TailFilters f = vm.serverFilters();
        assertThat(f.methods()).containsExactly("POST");
        assertThat(f.headerKey()).isEqualTo("x-tenant");
        assertThat(f.headerQuery()).isEqualTo("acme");
        assertThat(f.samplingRate()).isEqualTo(0.1);
        assertThat(tailing.session.calls).hasSize(2).last().asString().startsWith("filters");
        assertThat(vm.serverFilterSummaryProperty().get()).isEqualTo("method POST · header x-tenant:acme · sampling 0.1");
        assertThat(vm.messageProperty().get()).contains("re-created");
    }

    // --- client filters ---------------------------------------------------------------------------------------

    @Test
    void anInvalidRegexSaysWhyAndKeepsTheFilterInEffect() {
        LogsViewModel vm = tailing("checkout-api");
        vm.searchTextProperty().set("item");
        vm.regexProperty().set(true);
        assertThat(vm.clientFilter().regex()).isTrue();

        vm.searchTextProperty().set("item[");
        assertThat(vm.clientFilterErrorProperty().get()).startsWith("Not a valid regular expression");
        assertThat(vm.clientFilter().text()).as("the last valid filter stays").isEqualTo("item");

        vm.searchTextProperty().set("item[0-9]");
        assertThat(vm.clientFilterErrorProperty().get()).isEmpty();
        assertThat(vm.clientFilter().text()).isEqualTo("item[0-9]");
    }

    @Test
    void theStatusChoiceMeansWhatWranglersStatusMeans() {
        assertThat(LogsViewModel.outcomes("ok")).containsExactly("ok");
        assertThat(LogsViewModel.outcomes("error")).contains("exception", "exceededCpu", "exceededMemory", "unknown")
                .doesNotContain("ok", "canceled");
        assertThat(LogsViewModel.outcomes(null)).isEmpty();
    }

    @Test
    void typingInTheSearchFiltersTheRowsAfterAShortPause() {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");
        emit(5, "checkout-api");
        emit(5, "payments-webhook");
        frame(vm);
        assertThat(vm.rows()).hasSize(10);

        vm.searchTextProperty().set("payments");
        frame(vm);
        assertThat(vm.rows()).as("still typing").hasSize(10);
        now += LogsViewModel.TEXT_FILTER_DELAY_NANOS;
        ViewUpdate u = frame(vm);
        assertThat(u.reset()).isTrue();
        assertThat(vm.rows()).hasSize(5).allMatch(e -> e.worker().equals("payments-webhook"));
    }

    @Test
    void aWorkerOrLevelChoiceAppliesAtTheNextFrame() {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");
        emit(4, "checkout-api");
        emit(2, "payments-webhook");
        frame(vm);

        vm.workerFilterProperty().set("checkout-api");
        frame(vm);
        assertThat(vm.rows()).hasSize(4);

        vm.minLevelProperty().set(LogLevel.ERROR);
        frame(vm);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).startsWith("No event matches the filters");
    }

    // --- the frame pulse ------------------------------------------------------------------------------------------

    @Test
    void aFrameAppliesAtMostOneBatchAndTheRestComesNextFrame() {
        LogsViewModel vm = tailing("checkout-api");
        emit(LogsViewModel.MAX_PER_FRAME + 500, "checkout-api");

        ViewUpdate first = frame(vm);
        assertThat(first.added()).hasSize(LogsViewModel.MAX_PER_FRAME);
        assertThat(vm.rows()).hasSize(LogsViewModel.MAX_PER_FRAME);
        frame(vm);
        assertThat(vm.rows()).hasSize(LogsViewModel.MAX_PER_FRAME + 500);
        assertThat(frame(vm)).as("nothing new: no change at all").isNull();
    }

    @Test
    void applyingUpdatesDropsFromTheHeadAndAppendsAtTheEndAsOneChange() {
        LogsViewModel vm = vm();
        List<String> changes = new ArrayList<>();
        vm.rows().addListener((javafx.collections.ListChangeListener<LogEntry>) c -> {
            StringBuilder b = new StringBuilder();
            while (c.next()) {
                b.append(c.wasReplaced() ? "replace " : c.wasRemoved() ? "remove " + c.getRemovedSize() + " "
                        : "add " + c.getAddedSize() + " ");
            }
            changes.add(b.toString().strip());
        });
        vm.apply(new ViewUpdate(false, 0, List.of(event(1, "a", "ok", LogLevel.LOG, "1"),
                event(2, "a", "ok", LogLevel.LOG, "2"), event(3, "a", "ok", LogLevel.LOG, "3"))));
        vm.apply(new ViewUpdate(false, 2, List.of(event(4, "a", "ok", LogLevel.LOG, "4"))));

        assertThat(vm.rows()).extracting(LogEntry::seq).containsExactly(3L, 4L);
        assertThat(changes).containsExactly("add 3", "remove 2 add 1");

        vm.apply(new ViewUpdate(true, 0, List.of(event(4, "a", "ok", LogLevel.LOG, "4"))));
        assertThat(vm.rows()).extracting(LogEntry::seq).containsExactly(4L);
        assertThat(changes).hasSize(3);
    }

    @Test
    void theCountersRefreshTwiceASecondNotEveryFrame() {
        LogsViewModel vm = tailing("checkout-api");
        frame(vm);
        assertThat(vm.countersTextProperty().get()).isEqualTo("0 events/s · 0 buffered · 0 dropped · 0 sampled · "
                + "0 filtered · 0 gaps");
        emit(7, "checkout-api");
        tailing.session.eventsPerSecond = 7;
        frame(vm);
        assertThat(vm.countersTextProperty().get()).as("within half a second").startsWith("0 events/s");
        now += LogsViewModel.COUNTERS_EVERY_NANOS;
        frame(vm);
        assertThat(vm.countersTextProperty().get()).startsWith("7.0 events/s · 7 buffered");
    }

    // --- follow / pause ---------------------------------------------------------------------------------------------

    @Test
    void pausingKeepsIngestingAndCountsTheNewEventsUntilResumed() {
        LogsViewModel vm = tailing("checkout-api");
        emit(3, "checkout-api");
        frame(vm);
        assertThat(vm.followingProperty().get()).isTrue();

        vm.pause();
        emit(4, "checkout-api");
        frame(vm);
        assertThat(vm.rows()).as("pausing does not stop ingestion").hasSize(7);
        assertThat(vm.newEventsProperty().get()).isEqualTo(4);
        assertThat(vm.newEventsTextProperty().get()).isEqualTo("4 new events — resume");

        vm.follow();
        assertThat(vm.followingProperty().get()).isTrue();
        assertThat(vm.newEventsTextProperty().get()).isEmpty();
        emit(1, "checkout-api");
        frame(vm);
        assertThat(vm.newEventsProperty().get()).as("following: nothing to count").isZero();
    }

    // --- detail -----------------------------------------------------------------------------------------------------

    @Test
    void theSelectedEventShowsItsJsonIndentedAndItsExceptionWithTheStack() {
        LogsViewModel vm = tailing("checkout-api");
        LogEntry e = event(9, "checkout-api", "exception", LogLevel.ERROR, "boom");
        vm.select(e);

        assertThat(vm.detailTitleProperty().get()).isEqualTo("checkout-api · 10:01:02.354 · 500 exception");
        assertThat(vm.detailSubtitleProperty().get()).isEqualTo("GET https://shop.example.com/item/9");
        assertThat(vm.detailTextProperty().get()).contains("\"outcome\" : \"exception\"").contains("\n  \"logs\" : [");
        assertThat(vm.detailExceptionsProperty().get())
                .isEqualTo("TypeError: x is undefined\n    at handle (worker.js:12:5)");

        vm.select(event(10, "checkout-api", "ok", LogLevel.LOG, "fine"));
        assertThat(vm.detailExceptionsProperty().get()).isEmpty();
    }

    @Test
    void aGapShowsWhatMayBeMissing() {
        LogsViewModel vm = vm();
        LogEntry gap = new LogEntry(5, T0, "checkout-api", EntryKind.GAP, "gap", null, null, null, 0,
                "reconnected after the connection was cut", LogLevel.NONE, false, "{}", T0, T0.plusSeconds(7));
        vm.select(gap);
        assertThat(vm.detailTitleProperty().get()).isEqualTo("Gap in the stream");
        assertThat(vm.detailTextProperty().get()).startsWith("Continuity was lost for checkout-api: events between "
                + "10:01:02.345 and 10:01:09.345 may be missing");
    }

    // --- export and leftovers ------------------------------------------------------------------------------------------

    @Test
    void exportWritesWhatTheListShowsNow() throws Exception {
        LogsViewModel vm = tailing("checkout-api", "payments-webhook");
        emit(3, "checkout-api");
        emit(2, "payments-webhook");
        frame(vm);
        vm.workerFilterProperty().set("payments-webhook");
        frame(vm);

        Path file = dir.resolve("out.ndjson");
        assertThat(vm.export(file, ExportFormat.NDJSON).get()).isEqualTo(2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2).allMatch(l -> l.contains("\"scriptName\":\"payments-webhook\""));
        assertThat(vm.messageProperty().get()).isEqualTo("Exported 2 entries to " + file);

        Path text = dir.resolve("out.log");
        vm.export(text, ExportFormat.TEXT).get();
        assertThat(Files.readString(text)).contains("GET https://shop.example.com/item/4 - Ok @");
    }

    @Test
    void aFailedExportSaysWhy() {
        LogsViewModel vm = tailing("checkout-api");
        vm.export(dir.resolve("no-such-dir").resolve("x.ndjson"), ExportFormat.NDJSON);
        assertThat(vm.messageProperty().get()).startsWith("The export failed");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }

    @Test
    void leftoverTailsAreOfferedWhenThePageOpensAndCleanedUpOnRequest() {
        tailing.leftovers = List.of(new LeftoverTail("acct-1", "checkout-api", "t1", T0),
                new LeftoverTail("acct-1", "legacy-cron", "t2", T0));
        LogsViewModel vm = vm();
        assertThat(vm.leftoverTextProperty().get()).as("only when the page is opened").isEmpty();
        vm.onShow();
        assertThat(vm.leftoverTextProperty().get())
                .isEqualTo("2 tails left by an earlier run are still open on the account.");

        vm.cleanUpLeftovers();
        assertThat(tailing.cleaned).extracting(LeftoverTail::tailId).containsExactly("t1", "t2");
        assertThat(vm.leftoverTextProperty().get()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo("Removed 2 leftover tails.");
    }

    // --- fakes ---------------------------------------------------------------------------------------------------

    static final class FakeTailing implements LogTailing {
        FakeSession session;
        int opened;
        boolean connected = true;
        List<LeftoverTail> leftovers = List.of();
        final List<LeftoverTail> cleaned = new ArrayList<>();

        @Override
        public Optional<Session> open() {
            if (!connected) {
                return Optional.empty();
            }
            opened++;
            session = new FakeSession();
            return Optional.of(session);
        }

        @Override
        public List<LeftoverTail> findLeftovers() {
            return leftovers;
        }

        @Override
        public int cleanUp(List<LeftoverTail> l) {
            cleaned.addAll(l);
            return l.size();
        }
    }

    static final class FakeSession implements LogTailing.Session {
        final LogBuffer buffer = new LogBuffer(1_000_000);
        final Set<String> started = new TreeSet<>();
        final List<String> calls = new ArrayList<>();
        final List<Consumer<List<TailHealth>>> listeners = new CopyOnWriteArrayList<>();
        boolean closed;
        double eventsPerSecond;

        @Override
        public void start(Collection<String> workers) {
            calls.add("start " + workers);
            started.addAll(workers);
        }

        @Override
        public void stop(String worker) {
            calls.add("stop " + worker);
            started.remove(worker);
        }

        @Override
        public void setServerFilters(TailFilters filters) {
            calls.add("filters " + filters.outcomes());
        }

        @Override
        public Set<String> workers() {
            return Set.copyOf(started);
        }

        @Override
        public List<TailHealth> health() {
            return started.stream().map(w -> new TailHealth(w, TailState.CONNECTING, null, 0, "")).toList();
        }

        @Override
        public LogBuffer buffer() {
            return buffer;
        }

        @Override
        public LogCounters counters(LogView view) {
            return new LogCounters(buffer.size(), buffer.dropped(), 0, view.hidden(), 0, buffer.size(),
                    eventsPerSecond);
        }

        @Override
        public void addHealthListener(Consumer<List<TailHealth>> listener) {
            listeners.add(listener);
        }

        void publish(List<TailHealth> health) {
            listeners.forEach(l -> l.accept(health));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
