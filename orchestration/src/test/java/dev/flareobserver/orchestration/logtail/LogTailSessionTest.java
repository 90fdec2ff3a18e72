package dev.flareobserver.orchestration.logtail;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.logtail.TailFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.workers.TailFilters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailSessionTest {

    private static final long T0 = 1_763_800_000_000L;

    @TempDir
    Path state;
    private TailFixture fixture;
    private LogTailSession session;
    private Path records;

    /** Short timings so that renewals, silences and reconnects happen within a second or two. */
    private static LogTailOptions fast() {
        return LogTailOptions.defaults()
                .withKeepAlive(Duration.ofMillis(1500))
                .withReorderWindow(Duration.ofMillis(100))
                .withFirstBackoff(Duration.ofMillis(100))
                .withMaxReconnects(3);
    }

    @BeforeEach
    void setUp() throws Exception {
        fixture = new TailFixture();
        fixture.connect();
        records = state.resolve("tails.json");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (session != null) {
            session.close();
        }
        fixture.close();
    }

    private LogTailSession open(LogTailOptions options) {
        session = new LogTailSession(fixture.connection, options, records);
        return session;
    }

    private TailHealth health(String worker) {
        return session.health().stream().filter(h -> h.worker().equals(worker)).findFirst().orElseThrow();
    }

    private void awaitConnected(String worker, long liveSockets) {
        await(worker + " is connected", () -> session.health().stream()
                .anyMatch(h -> h.worker().equals(worker) && h.state() == TailState.CONNECTED)
                && fixture.connected(worker) == liveSockets);
    }

    private static String event(String worker, long timestamp, String path) {
        return Entries.fetch(worker, timestamp, "GET", "https://shop.example" + path, "ok", "log", "served " + path);
    }

    private List<LogEntry> entries(EntryKind kind) {
        return session.buffer().snapshot().stream().filter(e -> e.kind() == kind).toList();
    }

    private long eventCount() {
        return entries(EntryKind.EVENT).size();
    }

    @Test
    void mergesTwoWorkersIntoOneStreamInTimeOrder() {
        open(fast().withReorderWindow(Duration.ofMillis(400)));
        session.start(List.of("checkout", "search"));
        awaitConnected("checkout", 1);
        awaitConnected("search", 1);

        fixture.emit("checkout", event("checkout", T0 + 100, "/a"));
        fixture.emit("checkout", event("checkout", T0 + 300, "/c"));
        fixture.emit("search", event("search", T0 + 200, "/b"));
        fixture.emit("search", event("search", T0 + 400, "/d"));
        await("four events are merged", () -> eventCount() == 4);

        List<LogEntry> events = entries(EntryKind.EVENT);
        assertThat(events).extracting(LogEntry::url).containsExactly("https://shop.example/a",
                "https://shop.example/b", "https://shop.example/c", "https://shop.example/d");
        assertThat(events).extracting(LogEntry::worker).containsExactly("checkout", "search", "checkout", "search");
        assertThat(events).extracting(LogEntry::time).containsExactly(Instant.ofEpochMilli(T0 + 100),
                Instant.ofEpochMilli(T0 + 200), Instant.ofEpochMilli(T0 + 300), Instant.ofEpochMilli(T0 + 400));
        assertThat(events).extracting(LogEntry::seq).isSorted();
        assertThat(events.get(0).worker()).isSameAs(events.get(2).worker());
        assertThat(fixture.tails.values()).allMatch(t -> "{\"debug\":false}".equals(t.firstMessage)
                && "{\"filters\":[]}".equals(t.createBody));
        assertThat(fixture.ws.protocols).containsExactly("trace-v1");
        assertThat(session.counters(null).received()).isEqualTo(4);
        assertThat(health("checkout").events()).isEqualTo(2);
    }

    @Test
    void renewsBeforeExpiryWithoutAGapOrADuplicate() {
        fixture.lifetime = Duration.ofMillis(1500);
        open(fast().withRenewBefore(Duration.ofMillis(1000)));
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        // Events keep coming while the tail is replaced (twice): each must be shown exactly once.
        int sent = 0;
        long until = System.nanoTime() + Duration.ofMillis(2200).toNanos();
        while (System.nanoTime() < until || fixture.count("POST") < 3) {
            fixture.emit("checkout", event("checkout", T0 + sent, "/n" + sent));
            sent++;
            pause(10);
        }
        awaitConnected("checkout", 1);
        for (int i = 0; i < 20; i++, sent++) {
            fixture.emit("checkout", event("checkout", T0 + sent, "/n" + sent));
        }
        int total = sent;
        await("all events arrive", () -> eventCount() >= total);

        await("copies the old socket may still deliver are compared", () -> pauseDone(1200));
        List<String> urls = entries(EntryKind.EVENT).stream().map(LogEntry::url).toList();
        assertThat(urls).doesNotHaveDuplicates().hasSize(total);
        assertThat(entries(EntryKind.GAP)).isEmpty();
        assertThat(session.duplicatesSkipped()).isPositive();
        assertThat(fixture.count("POST")).isGreaterThanOrEqualTo(3);
        await("replaced tails are deleted", () -> fixture.liveTails() == 1);
        assertThat(health("checkout").expiresAt()).isAfter(Instant.now().minusMillis(500));
    }

    @Test
    void silenceRenewsTheTailAndWritesExactlyOneGap() {
        open(fast().withKeepAlive(Duration.ofMillis(1000)));
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);
        fixture.emit("checkout", event("checkout", T0, "/before"));
        await("the first event", () -> eventCount() == 1);
        String silentTail = fixture.live("checkout").get(0).id;

        fixture.silence("checkout");
        await("a new tail replaces the silent one", () -> fixture.count("POST") == 2
                && fixture.tails.get(silentTail).deleted);
        awaitConnected("checkout", 1);
        fixture.emit("checkout", event("checkout", T0 + 5000, "/after"));
        await("the event after the renewal", () -> eventCount() == 2);

        List<LogEntry> gaps = entries(EntryKind.GAP);
        assertThat(gaps).hasSize(1);
        LogEntry gap = gaps.get(0);
        assertThat(gap.worker()).isEqualTo("checkout");
        assertThat(gap.gapFrom()).isBefore(gap.gapTo());
        assertThat(Duration.between(gap.gapFrom(), gap.gapTo())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(gap.firstLine()).contains("may be missing").contains("no message and no answer to keep-alive");
        assertThat(session.counters(null).gaps()).isEqualTo(1);
        assertThat(health("checkout").state()).isEqualTo(TailState.CONNECTED);
    }

    @Test
    void aDroppedConnectionReconnectsAndMarksTheGap() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);
        fixture.emit("checkout", event("checkout", T0, "/before"));
        await("the first event", () -> eventCount() == 1);

        fixture.drop("checkout");
        await("a new tail", () -> fixture.count("POST") == 2);
        awaitConnected("checkout", 1);
        fixture.emit("checkout", event("checkout", T0 + 5000, "/after"));
        await("the event after reconnecting", () -> eventCount() == 2);

        assertThat(entries(EntryKind.GAP)).hasSize(1);
        assertThat(entries(EntryKind.GAP).get(0).firstLine()).contains("connection was lost");
        // The dropped tail is deleted, as wrangler does before creating the next.
        assertThat(fixture.count("DELETE")).isEqualTo(1);
        assertThat(fixture.liveTails()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastReconnectWithAClearReason() {
        List<List<TailHealth>> seen = new CopyOnWriteArrayList<>();
        open(fast().withMaxReconnects(2));
        session.addHealthListener(seen::add);
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        fixture.createOverride = worker -> json(503, error(10013, "Tail service unavailable"));
        fixture.drop("checkout");
        await("the tail failed", () -> health("checkout").state() == TailState.FAILED);

        await("the failure is in the stream", () -> entries(EntryKind.NOTICE).size() == 1);

        assertThat(health("checkout").detail()).contains("Tail service unavailable").contains("Gave up after 2");
        assertThat(fixture.count("POST")).isEqualTo(3);
        assertThat(seen).anyMatch(list -> list.get(0).state() == TailState.RECONNECTING);
        assertThat(entries(EntryKind.NOTICE).get(0).firstLine()).contains("The tail of checkout failed");
    }

    @Test
    void aNormalCloseFromTheServerEndsTheTail() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        fixture.closeNormally("checkout");
        await("the tail is closed", () -> health("checkout").state() == TailState.CLOSED);
        await("the notice is in the stream", () -> entries(EntryKind.NOTICE).size() == 1);

        assertThat(health("checkout").detail()).contains("Cloudflare ended the tail");
        assertThat(entries(EntryKind.NOTICE).get(0).firstLine()).contains("Cloudflare ended the tail");
        assertThat(fixture.count("POST")).isEqualTo(1);
    }

    @Test
    void aRefusedCreateFailsWithCloudflaresWords() {
        fixture.createOverride = worker -> worker.equals("ghost")
                ? json(404, error(10007, "This Worker does not exist on your account."))
                : json(429, error(10058, "Too many tails are open on this Worker"));
        open(fast().withMaxReconnects(1));
        session.start(List.of("ghost", "busy"));

        await("both failed", () -> session.health().stream().allMatch(h -> h.state() == TailState.FAILED));

        assertThat(health("ghost").detail()).contains("no Worker named \"ghost\"")
                .contains("This Worker does not exist on your account.");
        assertThat(health("busy").detail()).contains("Too many tails are open on this Worker");
        // Unknown Worker: no point retrying. A refusal for load: retried, then given up.
        assertThat(fixture.count("POST ghost")).isEqualTo(1);
        assertThat(fixture.count("POST busy")).isEqualTo(2);
    }

    @Test
    void overloadNoticesBecomeNoticesAndCountAsSampled() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        fixture.emit("checkout", "{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],\"eventTimestamp\":" + T0
                + ",\"event\":{\"message\":\"Tail is currently in sampling mode due to the high volume of messages. "
                + "To prevent messages from being dropped consider adding filters.\",\"type\":\"overload\"}}");
        fixture.emit("checkout", "{\"outcome\":\"ok\",\"exceptions\":[],\"logs\":[],\"eventTimestamp\":" + (T0 + 1)
                + ",\"event\":{\"message\":\"Tail has exited sampling mode and is no longer dropping messages.\","
                + "\"type\":\"overload-stop\"}}");
        await("two notices", () -> entries(EntryKind.NOTICE).size() == 2);

        assertThat(entries(EntryKind.NOTICE).get(0).firstLine()).startsWith("Cloudflare is sampling this tail");
        assertThat(entries(EntryKind.NOTICE).get(1).firstLine()).startsWith("Tail has exited sampling mode");
        assertThat(session.counters(null).sampled()).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageIsSkippedWithOneNotice() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        fixture.emit("checkout", "{\"outcome\":");
        fixture.emit("checkout", "not json");
        fixture.emit("checkout", event("checkout", T0, "/fine"));
        await("the good event", () -> eventCount() == 1);
        await("the notice", () -> entries(EntryKind.NOTICE).size() == 1);

        assertThat(session.malformed()).isEqualTo(2);
        assertThat(entries(EntryKind.NOTICE)).hasSize(1);
        assertThat(entries(EntryKind.NOTICE).get(0).firstLine()).contains("could not be read");
        assertThat(health("checkout").state()).isEqualTo(TailState.CONNECTED);
    }

    @Test
    void newServerFiltersRecreateTheTailWithANoticeAndNoGap() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        session.setServerFilters(TailFilters.none().withOutcomes(List.of("exception")).withQuery("payment"));
        await("the tail is re-created", () -> fixture.count("POST") == 2 && fixture.count("DELETE") == 1);
        awaitConnected("checkout", 1);

        await("the notice", () -> entries(EntryKind.NOTICE).size() == 1);

        FixtureTailAssert.lastCreateBody(fixture, "{\"filters\":[{\"outcome\":[\"exception\"]},{\"query\":\"payment\"}]}");
        assertThat(entries(EntryKind.NOTICE)).singleElement()
                .satisfies(n -> assertThat(n.firstLine()).contains("Server filters changed"));
        assertThat(entries(EntryKind.GAP)).isEmpty();
        assertThat(session.serverFilters().query()).isEqualTo("payment");
    }

    @Test
    void closeDeletesEveryTailAndEmptiesTheRecord() throws IOException {
        open(fast());
        session.start(List.of("checkout", "search"));
        awaitConnected("checkout", 1);
        awaitConnected("search", 1);
        assertThat(Files.readString(records)).contains("checkout").contains("search");

        session.close();
        session.close();

        assertThat(fixture.liveTails()).isZero();
        assertThat(fixture.count("DELETE")).isEqualTo(2);
        assertThat(TailFixture.tree(Files.readString(records))).isEmpty();
        assertThat(session.health()).allMatch(h -> h.state() == TailState.CLOSED);
    }

    @Test
    void stopEndsOneWorkerAndKeepsItsEntries() {
        open(fast());
        session.start(List.of("checkout", "search"));
        awaitConnected("checkout", 1);
        awaitConnected("search", 1);
        fixture.emit("search", event("search", T0, "/kept"));
        await("the event", () -> eventCount() == 1);

        session.stop("search");
        await("its tail is deleted", () -> fixture.live("search").isEmpty());

        assertThat(session.workers()).containsExactly("checkout");
        assertThat(entries(EntryKind.EVENT)).extracting(LogEntry::worker).containsExactly("search");
        assertThat(fixture.live("checkout")).hasSize(1);
    }

    @Test
    void leftoversOfAnEarlierRunAreFoundAndCleanedUp() throws IOException {
        fixture.existing("old1", "checkout");
        Files.writeString(records, "[{\"accountId\":\"" + TailFixture.ACCOUNT + "\",\"worker\":\"checkout\","
                + "\"tailId\":\"old1\",\"expiresAt\":\"2030-01-01T00:00:00Z\",\"createdAt\":\"2026-01-01T00:00:00Z\"},"
                + "{\"accountId\":\"" + TailFixture.ACCOUNT + "\",\"worker\":\"checkout\",\"tailId\":\"gone2\","
                + "\"expiresAt\":\"2020-01-01T00:00:00Z\",\"createdAt\":\"2020-01-01T00:00:00Z\"},"
                + "{\"accountId\":\"ffffffffffffffffffffffffffffffff\",\"worker\":\"other\",\"tailId\":\"x3\","
                + "\"expiresAt\":\"2030-01-01T00:00:00Z\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]");
        LogTailService service = new LogTailService(fixture.connection, records);

        List<LeftoverTail> leftovers = service.findLeftovers();

        assertThat(leftovers).extracting(LeftoverTail::tailId).containsExactly("old1");
        assertThat(leftovers.get(0).worker()).isEqualTo("checkout");
        assertThat(leftovers.get(0).accountId()).isEqualTo(TailFixture.ACCOUNT);
        // the tail no longer listed is forgotten; another account's record is left alone
        assertThat(Files.readString(records)).contains("old1").doesNotContain("gone2").contains("x3");

        assertThat(service.cleanUp(leftovers)).isEqualTo(1);
        assertThat(fixture.tails.get("old1").deleted).isTrue();
        assertThat(Files.readString(records)).doesNotContain("old1").contains("x3");
        assertThat(service.findLeftovers()).isEmpty();
    }

    @Test
    void aSingleListedTailMayHideOthersSoUnexpiredRecordsAreOfferedToo() throws IOException {
        fixture.existing("old1", "checkout");
        fixture.existing("old2", "checkout");
        fixture.tails.get("old2").deleted = true;
        Files.writeString(records, "[{\"accountId\":\"" + TailFixture.ACCOUNT + "\",\"worker\":\"checkout\","
                + "\"tailId\":\"old1\",\"expiresAt\":\"2099-01-01T00:00:00Z\"},{\"accountId\":\"" + TailFixture.ACCOUNT
                + "\",\"worker\":\"checkout\",\"tailId\":\"old2\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}]");
        LogTailService service = new LogTailService(fixture.connection, records);

        List<LeftoverTail> leftovers = service.findLeftovers();

        assertThat(leftovers).extracting(LeftoverTail::tailId).containsExactlyInAnyOrder("old1", "old2");
        assertThat(service.cleanUp(leftovers)).isEqualTo(2);
        assertThat(TailFixture.tree(Files.readString(records))).isEmpty();
    }

    @Test
    void tailsOfAnOpenSessionAreNotLeftovers() {
        open(fast());
        session.start(List.of("checkout"));
        awaitConnected("checkout", 1);

        assertThat(new LogTailService(fixture.connection, records).findLeftovers()).isEmpty();
    }

    private long pauseStarted;

    /** True once {@code millis} have passed since the first call (lets late messages arrive, never asserts). */
    private boolean pauseDone(long millis) {
        if (pauseStarted == 0) {
            pauseStarted = System.nanoTime();
        }
        return System.nanoTime() - pauseStarted >= millis * 1_000_000;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Assertions on what the fixture received. */
    private static final class FixtureTailAssert {
        static void lastCreateBody(TailFixture fixture, String expected) {
            String last = fixture.tails.values().stream()
                    .max(java.util.Comparator.comparingInt(t -> Integer.parseInt(t.id.substring(4))))
                    .orElseThrow().createBody;
            assertThat(last).isEqualTo(expected);
        }
    }
}
