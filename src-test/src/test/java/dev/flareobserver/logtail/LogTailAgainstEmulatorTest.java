package dev.flareobserver.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogExport;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.logtail.LogTailSession;
import dev.flareobserver.orchestration.logtail.TailHealth;
import dev.flareobserver.orchestration.logtail.TailState;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tail sessions end to end against the emulator: each server filter, silent expiry, a cut connection,
 * the 11th tail, export, and that no tail outlives its session. Floods make the volume immediate; the
 * flood replays the Worker's own simulated events through the same filters as live traffic.
 */
class LogTailAgainstEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKER = "checkout-api";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Emulator emulator;
    private static AccountConnection connection;
    private static TailAdmin admin;

    @TempDir
    Path temp;

    private final List<LogTailSession> sessions = new ArrayList<>();

    @BeforeAll
    static void start() {
        // No server-side overload sampling here (its own test raises the volume past a low threshold).
        emulator = Emulator.start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000).build());
        connection = Monitors.connect(emulator);
        admin = new TailAdmin(emulator);
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @AfterEach
    void closeSessions() throws Exception {
        sessions.forEach(LogTailSession::close);
        assertThat(admin.count()).as("tails left on the emulator after the sessions closed").isZero();
    }

    private LogTailSession session(LogTailOptions options) {
        LogTailSession session = new LogTailSession(connection, options, temp.resolve("tails-" + sessions.size() + ".json"));
        sessions.add(session);
        return session;
    }

    private LogTailSession tail(TailFilters filters, String... workers) throws Exception {
        LogTailSession session = session(LogTailOptions.defaults());
        if (!filters.isEmpty()) {
            session.setServerFilters(filters);
        }
        session.start(List.of(workers));
        await("tails connected", () -> session.health().stream().allMatch(h -> h.state() == TailState.CONNECTED)
                && session.health().size() == workers.length);
        return session;
    }

    private static List<LogEntry> events(LogTailSession session) {
        return session.buffer().snapshot().stream().filter(e -> e.kind() == EntryKind.EVENT).toList();
    }

    private static JsonNode json(LogEntry e) {
        try {
            return JSON.readTree(e.json());
        } catch (Exception ex) {
            throw new AssertionError("event JSON does not parse: " + e.json(), ex);
        }
    }

    /** A filtered tail gets only matching events, and some of them. */
    private void assertFilter(TailFilters filters, Predicate<JsonNode> matches) throws Exception {
        assertFilter(WORKER, filters, matches);
    }

    private void assertFilter(String worker, TailFilters filters, Predicate<JsonNode> matches) throws Exception {
        LogTailSession session = tail(filters, worker);
        admin.flood(worker, 3000, 0);
        await("filtered events", () -> events(session).size() >= 5);
        List<LogEntry> got = events(session);
        assertThat(got).allSatisfy(e -> assertThat(matches.test(json(e))).as(e.json()).isTrue());
    }

    /** What an unfiltered tail of the Worker sees: the values the filter tests pick from. */
    private static List<JsonNode> sample;

    private List<JsonNode> sample() throws Exception {
        if (sample == null) {
            LogTailSession session = tail(TailFilters.none(), WORKER);
            admin.flood(WORKER, 2000, 0);
            await("unfiltered events", () -> events(session).size() >= 1500);
            sample = events(session).stream().map(LogTailAgainstEmulatorTest::json).toList();
            session.close();
        }
        return sample;
    }

    private static <T> T mostCommon(List<JsonNode> events, java.util.function.Function<JsonNode, T> key,
                                    Predicate<T> eligible) {
        Map<T, Long> counts = events.stream().map(key).filter(k -> k != null && eligible.test(k))
                .collect(Collectors.groupingBy(k -> k, HashMap::new, Collectors.counting()));
        assertThat(counts).as("the sample has candidates").isNotEmpty();
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void statusErrorKeepsOnlyFailedInvocations() throws Exception {
        // payments-webhook is the demo Worker with an error spike: its recent traffic has failures to keep.
        assertFilter("payments-webhook", TailFilters.none().withOutcomes(TailFilters.outcomesForStatus(List.of("error"))),
                e -> !e.path("outcome").asText().equals("ok") && !e.path("outcome").asText().equals("canceled"));
    }

    @Test
    void methodFilter() throws Exception {
        String method = mostCommon(sample(), e -> e.path("event").path("request").path("method").asText(null),
                m -> !m.equals("GET"));
        assertFilter(TailFilters.none().withMethods(List.of(method)),
                e -> e.path("event").path("request").path("method").asText().equals(method));
    }

    @Test
    void headerFilter() throws Exception {
        String agent = mostCommon(sample(), e -> e.path("event").path("request").path("headers").path("user-agent")
                .asText(null), a -> true);
        assertFilter(TailFilters.none().withHeader("User-Agent:" + agent),
                e -> e.path("event").path("request").path("headers").path("user-agent").asText().equals(agent));
    }

    @Test
    void clientIpFilter() throws Exception {
        String ip = mostCommon(sample(), e -> e.path("event").path("request").path("headers").path("cf-connecting-ip")
                .asText(null), a -> true);
        assertFilter(TailFilters.none().withClientIps(List.of(ip)),
                e -> e.path("event").path("request").path("headers").path("cf-connecting-ip").asText().equals(ip));
    }

    @Test
    void searchFilterMatchesLogText() throws Exception {
        String word = mostCommon(sample(), e -> {
            JsonNode logs = e.path("logs");
            return logs.isEmpty() ? null : logs.get(0).path("message").path(0).asText().split("\\s+")[0];
        }, w -> w.length() >= 4);
        assertFilter(TailFilters.none().withQuery(word), e -> e.toString().contains(word));
    }

    @Test
    void versionFilter() throws Exception {
        String version = mostCommon(sample(), e -> e.path("scriptVersion").path("id").asText(null), v -> true);
        assertFilter(TailFilters.none().withScriptVersion(version),
                e -> e.path("scriptVersion").path("id").asText().equals(version));
    }

    @Test
    void samplingRateKeepsAboutThatFraction() throws Exception {
        LogTailSession session = tail(TailFilters.none().withSamplingRate(0.1), WORKER);
        JsonNode flood = admin.flood(WORKER, 4000, 0);
        await("sampled flood", () -> events(session).size() >= 200);
        Thread.sleep(500); // let the last frames of the flood arrive
        long got = events(session).size();
        // 10 % of 4000 plus the Worker's live traffic in the meantime; far from all 4000.
        assertThat(got).as("events kept at sampling 0.1 (flood answer " + flood + ")").isBetween(250L, 700L);
    }

    @Test
    void twoWorkersMergeIntoOneOrderedStream() throws Exception {
        LogTailSession session = tail(TailFilters.none(), WORKER, "payments-webhook");
        admin.flood(WORKER, 500, 0);
        admin.flood("payments-webhook", 500, 0);
        await("both Workers", () -> events(session).stream().map(LogEntry::worker).distinct().count() == 2);
        List<LogEntry> got = events(session);
        assertThat(got).extracting(LogEntry::worker).contains(WORKER, "payments-webhook");
        assertThat(got).extracting(LogEntry::seq).isSorted();
    }

    @Test
    void silentExpiryIsRenewedWithinTwoKeepAlivesAndMarkedWithOneGap() throws Exception {
        Duration keepAlive = Duration.ofSeconds(2);
        LogTailSession session = session(LogTailOptions.defaults().withKeepAlive(keepAlive));
        session.start(List.of(WORKER));
        await("connected", () -> state(session) == TailState.CONNECTED);
        String first = admin.tails().get(0).path("id").asText();

        admin.expireAll();
        long expiredAt = System.nanoTime();
        await("a new tail", () -> hasLiveTailOtherThan(first) && state(session) == TailState.CONNECTED);
        Duration took = Duration.ofNanos(System.nanoTime() - expiredAt);

        assertThat(took).as("renewed after a silent expiry").isLessThanOrEqualTo(keepAlive.multipliedBy(2));
        admin.flood(WORKER, 50, 0);
        await("events again", () -> events(session).size() >= 50);
        assertThat(gaps(session)).as("gap markers").hasSize(1);
        // The expired tail was deleted, not left behind.
        assertThat(admin.tails()).extracting(t -> t.path("id").asText()).doesNotContain(first);
    }

    @Test
    void aCutConnectionReconnectsWithAGapMarker() throws Exception {
        LogTailSession session = session(LogTailOptions.defaults().withFirstBackoff(Duration.ofMillis(200)));
        session.start(List.of(WORKER));
        await("connected", () -> state(session) == TailState.CONNECTED);
        String first = admin.tails().get(0).path("id").asText();

        admin.dropAll();
        await("reconnected", () -> hasLiveTailOtherThan(first) && state(session) == TailState.CONNECTED);
        admin.flood(WORKER, 50, 0);
        await("events again", () -> events(session).size() >= 50);
        assertThat(gaps(session)).hasSize(1);
        LogEntry gap = gaps(session).get(0);
        assertThat(gap.worker()).isEqualTo(WORKER);
        assertThat(gap.gapFrom()).isBeforeOrEqualTo(gap.gapTo());
    }

    @Test
    void theEleventhTailOnAWorkerFailsWithAClearMessage() throws Exception {
        try (CloudflareClient client = CloudflareClient.builder().baseUrl(emulator.baseUrl())
                .credentials(dev.flareobserver.transport.Credentials.token(emulator.userToken())).build()) {
            String account = connection.currentAccount().orElseThrow().id();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(client.workers().tails().create(account, "legacy-cron", TailFilters.none()).id());
            }
            try {
                LogTailSession session = session(LogTailOptions.defaults());
                session.start(List.of("legacy-cron"));
                await("failed", () -> state(session) == TailState.FAILED);
                TailHealth health = session.health().get(0);
                assertThat(health.detail().toLowerCase(Locale.ROOT)).contains("10").containsAnyOf("tail", "limit");
                assertThat(admin.count()).as("no 11th tail was created").isEqualTo(10);
            } finally {
                for (String id : ids) {
                    client.workers().tails().delete(account, "legacy-cron", id);
                }
            }
        }
    }

    @Test
    void overloadSamplingIsAnnouncedAndCounted() throws Exception {
        try (Emulator busy = Emulator.start(EmulatorOptions.builder().tailSamplingThreshold(50).build());
             AccountConnection busyConnection = Monitors.connect(busy)) {
            LogTailSession session = new LogTailSession(busyConnection, LogTailOptions.defaults(), temp.resolve("busy.json"));
            try {
                session.start(List.of(WORKER));
                await("connected", () -> state(session) == TailState.CONNECTED);
                new TailAdmin(busy).flood(WORKER, 5000, 0);
                await("overload notice", () -> session.counters(null).sampled() > 0);
                // The notice is counted on arrival and reaches the buffer after the merge's reorder window.
                await("notice in the stream", () -> session.buffer().snapshot().stream().anyMatch(e ->
                        e.kind() == EntryKind.NOTICE && e.firstLine().toLowerCase(Locale.ROOT).contains("sampling")));
            } finally {
                session.close();
            }
            assertThat(new TailAdmin(busy).count()).isZero();
        }
    }

    @Test
    void exportRoundTripsRealEvents() throws Exception {
        LogTailSession session = tail(TailFilters.none(), WORKER);
        admin.flood(WORKER, 300, 0);
        await("events", () -> events(session).size() >= 300);
        List<LogEntry> shown = session.buffer().snapshot();
        StringWriter out = new StringWriter();
        LogExport.writeNdjson(shown, out);
        List<LogEntry> back = LogExport.readNdjson(new StringReader(out.toString()));
        assertThat(back).hasSameSizeAs(shown);
        for (int i = 0; i < shown.size(); i++) {
            LogEntry a = shown.get(i);
            LogEntry b = back.get(i);
            assertThat(b.worker()).isEqualTo(a.worker());
            assertThat(b.time()).isEqualTo(a.time());
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.url()).isEqualTo(a.url());
            assertThat(b.outcome()).isEqualTo(a.outcome());
            assertThat(JSON.readTree(b.json())).isEqualTo(JSON.readTree(a.json()));
        }
        Path file = temp.resolve("export.ndjson");
        Files.writeString(file, out.toString());
        assertThat(Files.readAllLines(file)).hasSize(shown.size())
                .allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
    }

    private static TailState state(LogTailSession session) {
        List<TailHealth> health = session.health();
        return health.isEmpty() ? null : health.get(0).state();
    }

    private static List<LogEntry> gaps(LogTailSession session) {
        return session.buffer().snapshot().stream().filter(e -> e.kind() == EntryKind.GAP)
                .sorted(Comparator.comparingLong(LogEntry::seq)).toList();
    }

    private static boolean hasLiveTailOtherThan(String id) {
        try {
            for (JsonNode t : admin.tails()) {
                if (!t.path("id").asText().equals(id) && t.path("connected").asBoolean() && !t.path("expired").asBoolean()) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
