package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.traffic.SimulatedInvocation;
import dev.flareobserver.emulator.workers.DeploymentEvent;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tail WebSockets: the handshake, the live stream, filters, sampling, expiry and the admin controls. */
class TailsSocketTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    Emulator emu;
    TestClient client;
    final List<TailSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(TailSocket::close);
        if (emu != null) {
            emu.close();
        }
    }

    void start(EmulatorOptions.Builder options) {
        emu = Emulator.start(options.build());
        client = new TestClient(emu);
    }

    /** High enough that no test but the sampling one sees the service sample. */
    void start() {
        start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000));
    }

    String tails(String worker) {
        return "/accounts/" + DemoWorld.PRODUCTION.id() + "/workers/scripts/" + worker + "/tails";
    }

    JsonNode create(String worker, String body) {
        TestClient.Reply r = client.send("POST", tails(worker), "Bearer " + emu.userToken(), body,
                "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("result");
    }

    /**
     * Opens a socket on the tail and waits until the emulator has bound it: Java-WebSocket answers the
     * handshake before it runs its open callback, so a client can be open a moment before its tail is.
     */
    TailSocket open(JsonNode tail) throws InterruptedException {
        TailSocket s = TailSocket.open(tail.get("url").asText());
        sockets.add(s);
        String id = tail.get("id").asText();
        assertThat(s.await(x -> adminTail(id).get("connected").asBoolean(), WAIT)).as("tail bound").isTrue();
        return s;
    }

    JsonNode flood(String worker, int events, int rate) {
        TestClient.Reply r = client.admin("POST", "/tails/flood",
                "{\"script\":\"" + worker + "\",\"events\":" + events + ",\"rate\":" + rate + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode adminTail(String id) {
        for (JsonNode t : client.admin("GET", "/tails", null).json().get("tails")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** Waits until the socket has received every event frame the emulator says it sent. */
    void awaitAllSent(TailSocket s, JsonNode tail) throws InterruptedException {
        String id = tail.get("id").asText();
        assertThat(s.await(x -> x.events().size() >= adminTail(id).get("events_sent").asLong(), WAIT)).isTrue();
    }

    // ---- handshake ----

    @Test
    void theSocketRequiresTraceV1AndALiveTailsPath() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        String url = tail.get("url").asText();

        TailSocket noProtocol = TailSocket.connect(url, false);
        sockets.add(noProtocol);
        assertThat(noProtocol.isOpen()).as("handshake without trace-v1").isFalse();

        URI u = URI.create(url);
        TailSocket wrongPath = TailSocket.connect("ws://" + u.getHost() + ":" + u.getPort() + "/tail/nope", true);
        sockets.add(wrongPath);
        assertThat(wrongPath.isOpen()).as("handshake on an unknown path").isFalse();

        TailSocket ok = open(tail);
        assertThat(ok.getProtocol().getProvidedProtocol()).isEqualTo("trace-v1");
        assertThat(adminTail(tail.get("id").asText()).get("connected").asBoolean()).isTrue();

        TailSocket second = TailSocket.connect(url, true);
        sockets.add(second);
        assertThat(second.isOpen()).as("a second client on the same tail").isFalse();
        assertThat(ok.pingAnswered(Duration.ofSeconds(2))).isTrue();
    }

    // ---- the live stream ----

    @Test
    void liveEventsAreTheSimulatorsInvocations() throws Exception {
        start();
        String account = DemoWorld.PRODUCTION.id();
        TailSocket s = open(create("api-gateway", "{\"filters\":[]}"));
        assertThat(s.await(x -> x.events().size() >= 20, WAIT)).as("events from a busy Worker").isTrue();
        Thread.sleep(400);
        List<JsonNode> events = s.events();

        Set<String> versions = new HashSet<>();
        for (DeploymentEvent d : emu.workerDirectory().deployments(account, "api-gateway")) {
            d.versions().forEach(v -> versions.add(v.versionId()));
        }
        long first = events.get(0).get("eventTimestamp").asLong();
        long last = events.get(events.size() - 1).get("eventTimestamp").asLong();
        List<SimulatedInvocation> simulated = new ArrayList<>();
        for (long m = Math.floorDiv(first, 60_000); m <= Math.floorDiv(last, 60_000); m++) {
            for (SimulatedInvocation inv : emu.traffic().invocations(account, "api-gateway", Instant.ofEpochSecond(m * 60))) {
                long t = inv.timestamp().toEpochMilli();
                if (t >= first && t <= last) {
                    simulated.add(inv);
                }
            }
        }
        // Between the first and the last event received, nothing was skipped and nothing invented.
        assertThat(events).hasSize(simulated.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            SimulatedInvocation inv = simulated.get(i);
            assertThat(e.get("eventTimestamp").asLong()).isEqualTo(inv.timestamp().toEpochMilli());
            assertThat(e.get("scriptName").asText()).isEqualTo("api-gateway");
            assertThat(e.at("/scriptVersion/id").asText()).isEqualTo(inv.scriptVersion()).isIn(versions);
            assertThat(e.at("/event/request/url").asText()).isEqualTo(inv.url());
            assertThat(e.at("/event/request/method").asText()).isEqualTo(inv.method());
            assertThat(e.get("outcome").asText()).isIn("ok", "canceled", "exception", "exceededCpu", "unknown");
            assertThat(e.get("cpuTime").asLong()).isEqualTo(Math.round(inv.cpuTimeUs() / 1000.0));
            assertThat(e.at("/event/request/headers/cf-connecting-ip").asText()).isNotBlank();
            assertThat(e.at("/event/request/headers/user-agent").asText()).isNotBlank();
            assertThat(e.at("/event/request/cf/colo").asText()).matches("[A-Z]{3}");
        }
        assertThat(last).isLessThanOrEqualTo(System.currentTimeMillis());
    }

    @Test
    void eventsCarryTheDocumentedShape() throws Exception {
        start();
        // payments-webhook runs the scripted error spike: exceptions show within a few hundred events.
        TailSocket s = open(create("payments-webhook", "{}"));
        flood("payments-webhook", 600, 0);
        assertThat(s.await(x -> x.events().stream().anyMatch(e -> e.get("outcome").asText().equals("exception")), WAIT))
                .isTrue();
        JsonNode ok = s.events().stream().filter(e -> e.get("outcome").asText().equals("ok")).findFirst().orElseThrow();
        assertThat(ok.get("truncated").asBoolean()).isFalse();
        assertThat(ok.get("executionModel").asText()).isEqualTo("stateless");
        assertThat(ok.get("diagnosticsChannelEvents")).isEmpty();
        assertThat(ok.get("exceptions")).isEmpty();
        assertThat(ok.get("wallTime").asLong()).isGreaterThanOrEqualTo(ok.get("cpuTime").asLong());
        assertThat(ok.at("/event/response/status").asInt()).isBetween(200, 404);
        assertThat(ok.at("/event/request/cf").has("asOrganization")).isTrue();

        JsonNode thrown = s.events().stream().filter(e -> e.get("outcome").asText().equals("exception"))
                .findFirst().orElseThrow();
        JsonNode x = thrown.get("exceptions").get(0);
        assertThat(x.get("name").asText()).isNotBlank();
        assertThat(x.get("stack").asText()).startsWith(x.get("name").asText() + ": " + x.get("message").asText());
        assertThat(x.get("timestamp").asLong()).isGreaterThanOrEqualTo(thrown.get("eventTimestamp").asLong());
        assertThat(thrown.at("/event/response/status").asInt()).isEqualTo(500);
        for (JsonNode e : s.events()) {
            for (JsonNode log : e.get("logs")) {
                assertThat(log.get("level").asText()).isIn("debug", "info", "log", "warn", "error");
                assertThat(log.get("message").isArray()).isTrue();
            }
        }
    }

    // ---- filters ----

    /** Floods a tail created with {@code filters} and returns what it received (never nothing). */
    List<JsonNode> filtered(String worker, String filters, int events) throws Exception {
        return filtered(worker, filters, events, true);
    }

    List<JsonNode> filtered(String worker, String filters, int events, boolean someHeldBack) throws Exception {
        JsonNode tail = create(worker, "{\"filters\":" + filters + "}");
        TailSocket s = open(tail);
        JsonNode result = flood(worker, events, 0);
        assertThat(result.get("tails").asInt()).isEqualTo(1);
        if (someHeldBack) {
            assertThat(result.get("filtered").asLong()).as("the filter held some events back").isPositive();
        }
        awaitAllSent(s, tail);
        assertThat(s.events()).as("events through " + filters).isNotEmpty();
        return s.events();
    }

    @Test
    void outcomeFilter() throws Exception {
        start();
        for (JsonNode e : filtered("payments-webhook", "[{\"outcome\":[\"exception\",\"exceededCpu\",\"unknown\"]}]", 800)) {
            assertThat(e.get("outcome").asText()).isIn("exception", "exceededCpu", "unknown");
        }
    }

    @Test
    void methodFilter() throws Exception {
        start();
        for (JsonNode e : filtered("checkout-api", "[{\"method\":[\"get\"]}]", 300)) {
            assertThat(e.at("/event/request/method").asText()).isEqualTo("GET");
        }
    }

    @Test
    void headerFilterMatchesNameIgnoringCaseAndValueByContainment() throws Exception {
        start();
        for (JsonNode e : filtered("api-gateway", "[{\"header\":{\"key\":\"User-Agent\",\"query\":\"CURL\"}}]", 1000)) {
            assertThat(e.at("/event/request/headers/user-agent").asText()).startsWith("curl/");
        }
    }

    @Test
    void headerFilterWithoutQueryNeedsTheHeader() throws Exception {
        start();
        for (JsonNode e : filtered("checkout-api", "[{\"header\":{\"key\":\"content-type\"}}]", 300)) {
            assertThat(e.at("/event/request/method").asText()).isEqualTo("POST");
        }
    }

    @Test
    void clientIpFilter() throws Exception {
        start();
        for (JsonNode e : filtered("api-gateway", "[{\"client_ip\":[\"198.51.100.23\"]}]", 500)) {
            assertThat(e.at("/event/request/headers/cf-connecting-ip").asText()).isEqualTo("198.51.100.23");
        }
    }

    @Test
    void clientIpSelfIsTheTailingClientsAddress() throws Exception {
        start();
        for (JsonNode e : filtered("api-gateway", "[{\"client_ip\":[\"self\"]}]", 1500)) {
            assertThat(e.at("/event/request/headers/cf-connecting-ip").asText()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void queryFilterSearchesLogsAndExceptions() throws Exception {
        start();
        for (JsonNode e : filtered("payments-webhook", "[{\"query\":\"ERROR\"}]", 800)) {
            assertThat(e.toString().toLowerCase(Locale.ROOT)).contains("error");
            boolean inLogs = false;
            for (JsonNode l : e.get("logs")) {
                inLogs |= l.get("message").toString().toLowerCase(Locale.ROOT).contains("error");
            }
            for (JsonNode x : e.get("exceptions")) {
                inLogs |= (x.get("name").asText() + x.get("message").asText()).toLowerCase(Locale.ROOT).contains("error");
            }
            assertThat(inLogs).as(e.toString()).isTrue();
        }
    }

    @Test
    void scriptVersionFilter() throws Exception {
        start();
        List<DeploymentEvent> deployments = emu.workerDirectory().deployments(DemoWorld.PRODUCTION.id(), "checkout-api");
        String version = deployments.get(deployments.size() - 1).versions().get(0).versionId();
        String older = deployments.get(0).versions().get(0).versionId();
        assertThat(older).isNotEqualTo(version);
        // The deployed version serves everything now; a version that serves nothing now lets nothing through.
        for (JsonNode e : filtered("checkout-api", "[{\"scriptVersion\":\"" + version + "\"}]", 300, false)) {
            assertThat(e.at("/scriptVersion/id").asText()).isEqualTo(version);
        }
        JsonNode tail = create("checkout-api", "{\"filters\":[{\"scriptVersion\":\"" + older + "\"}]}");
        open(tail);
        JsonNode flood = flood("checkout-api", 200, 0);
        assertThat(adminTail(tail.get("id").asText()).get("events_sent").asLong()).isZero();
        assertThat(adminTail(tail.get("id").asText()).get("events_filtered").asLong()).isGreaterThanOrEqualTo(200);
        assertThat(flood.get("tails").asInt()).isEqualTo(2);
    }

    @Test
    void samplingRateKeepsAboutThatShare() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{\"filters\":[{\"sampling_rate\":0.1}]}");
        TailSocket s = open(tail);
        JsonNode result = flood("api-gateway", 3000, 0);
        assertThat(result.get("sent").asLong()).isBetween(200L, 400L);
        awaitAllSent(s, tail);
    }

    @Test
    void filtersInTheFirstMessageReplaceTheCreationFilters() throws Exception {
        start();
        JsonNode tail = create("checkout-api", "{\"filters\":[{\"method\":[\"POST\"]}]}");
        TailSocket s = TailSocket.connect(tail.get("url").asText(), true);
        sockets.add(s);
        s.send("{\"filters\":[{\"method\":[\"GET\"]}],\"debug\":false}");
        String id = tail.get("id").asText();
        assertThat(s.await(x -> adminTail(id).get("filters").toString().contains("GET"), WAIT)).isTrue();
        flood("checkout-api", 300, 0);
        awaitAllSent(s, tail);
        assertThat(s.events()).isNotEmpty().allSatisfy(e ->
                assertThat(e.at("/event/request/method").asText()).isEqualTo("GET"));
        // Only the first message counts.
        s.send("{\"filters\":[{\"method\":[\"DELETE\"]}]}");
        Thread.sleep(200);
        assertThat(adminTail(id).get("filters").toString()).contains("GET").doesNotContain("DELETE");
    }

    @Test
    void badFiltersInTheFirstMessageCloseTheSocket() throws Exception {
        start();
        TailSocket s = TailSocket.connect(create("checkout-api", "{}").get("url").asText(), true);
        sockets.add(s);
        s.send("{\"filters\":[{\"outcome\":[\"splendid\"]}]}");
        assertThat(s.awaitClose(WAIT)).isTrue();
        assertThat(s.closeCode).isEqualTo(CloseFrame.POLICY_VALIDATION);
        assertThat(s.closeReason).startsWith("Invalid tail filters: Unknown outcome 'splendid'");
    }

    // ---- the service's own sampling ----

    @Test
    void overloadEntersAndLeavesSamplingModeWithNotices() throws Exception {
        start(EmulatorOptions.builder().tailSamplingThreshold(50));
        // cron-cleanup is a quiet Worker: its own traffic stays well under 50 events a second.
        JsonNode tail = create("cron-cleanup", "{}");
        TailSocket s = open(tail);
        JsonNode result = flood("cron-cleanup", 5000, 0);
        assertThat(result.get("sampled_out").asLong()).isPositive();
        assertThat(result.get("sent").asLong()).isLessThan(2500);

        assertThat(s.await(x -> !x.notices("overload-stop").isEmpty(), WAIT)).as("sampling ends when calm").isTrue();
        List<JsonNode> overload = s.notices("overload");
        assertThat(overload).hasSize(1);
        assertThat(overload.get(0).at("/event/message").asText()).isEqualTo("Tail is currently in sampling mode due "
                + "to the high volume of messages. To prevent messages from being dropped consider adding filters.");
        assertThat(overload.get(0).get("outcome").asText()).isEqualTo("ok");
        assertThat(overload.get(0).get("logs")).isEmpty();
        assertThat(s.notices("overload-stop").get(0).at("/event/message").asText())
                .isEqualTo("Tail has exited sampling mode and is no longer dropping messages.");
        // The notice comes before the events it announces dropping; the stop after them.
        int enter = s.messages().indexOf(overload.get(0));
        int exit = s.messages().indexOf(s.notices("overload-stop").get(0));
        // At least the threshold's worth of events went through before sampling began.
        assertThat(enter).isGreaterThanOrEqualTo(50);
        assertThat(s.messages().subList(0, enter)).allSatisfy(m -> assertThat(m.path("event").has("type")).isFalse());
        assertThat(exit).isGreaterThan(enter);
        assertThat(adminTail(tail.get("id").asText()).get("sampling").asBoolean()).isFalse();
    }

    // ---- expiry, drops, deletion, reset, shutdown ----

    @Test
    void anExpiredTailFallsSilentAndStopsAnsweringPings() throws Exception {
        start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000).tailLifetime(Duration.ofSeconds(3)));
        JsonNode tail = create("api-gateway", "{}");
        Instant expiresAt = Instant.parse(tail.get("expires_at").asText());
        TailSocket s = open(tail);
        assertThat(s.pingAnswered(Duration.ofSeconds(1))).as("pong while alive").isTrue();
        assertThat(s.await(x -> !x.events().isEmpty(), WAIT)).isTrue();

        Thread.sleep(Duration.between(Instant.now(), expiresAt).toMillis() + 400);
        int afterExpiry = s.messages().size();
        assertThat(s.pingAnswered(Duration.ofSeconds(1))).as("pong after expiry").isFalse();
        Thread.sleep(500);
        assertThat(s.messages()).hasSize(afterExpiry);
        assertThat(s.events()).allSatisfy(e -> assertThat(e.get("eventTimestamp").asLong())
                .isLessThan(expiresAt.plus(1, ChronoUnit.SECONDS).toEpochMilli()));
        assertThat(s.isOpen()).as("no close frame on expiry").isTrue();
        assertThat(adminTail(tail.get("id").asText()).get("expired").asBoolean()).isTrue();
        assertThat(client.get(tails("api-gateway")).json().get("result").isNull()).isTrue();
        // A flood does not reach it either.
        assertThat(flood("api-gateway", 100, 0).get("sent").asLong()).isZero();
    }

    @Test
    void adminExpiryIsSilentToo() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        TailSocket s = open(tail);
        JsonNode other = create("api-gateway", "{}");
        TailSocket alive = open(other);
        assertThat(s.await(x -> !x.events().isEmpty(), WAIT)).isTrue();

        TestClient.Reply r = client.admin("POST", "/tails/expire", "{\"id\":\"" + tail.get("id").asText() + "\"}");
        assertThat(r.json().get("expired").asInt()).isEqualTo(1);
        Thread.sleep(300);
        int before = s.messages().size();
        assertThat(s.pingAnswered(Duration.ofMillis(800))).isFalse();
        assertThat(s.messages()).hasSize(before);
        assertThat(alive.pingAnswered(Duration.ofSeconds(1))).isTrue();
        int aliveBefore = alive.events().size();
        assertThat(alive.await(x -> x.events().size() > aliveBefore, WAIT)).as("the other tail still streams").isTrue();

        assertThat(client.admin("POST", "/tails/expire", "{\"id\":\"nope\"}").status()).isEqualTo(404);
    }

    @Test
    void dropCutsTheConnectionButKeepsTheTail() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        TailSocket s = open(tail);
        assertThat(client.admin("POST", "/tails/drop", "{}").json().get("dropped").asInt()).isEqualTo(1);
        assertThat(s.awaitClose(WAIT)).isTrue();
        assertThat(s.closeCode).as("no close frame: an abnormal closure").isEqualTo(CloseFrame.ABNORMAL_CLOSE);

        assertThat(client.get(tails("api-gateway")).json().at("/result/id").asText()).isEqualTo(tail.get("id").asText());
        assertThat(s.await(x -> !adminTail(tail.get("id").asText()).get("connected").asBoolean(), WAIT)).isTrue();
        TailSocket again = open(tail);
        assertThat(again.await(x -> !x.events().isEmpty(), WAIT)).as("the same tail streams again").isTrue();
    }

    @Test
    void deleteClosesTheSocketCleanly() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        TailSocket s = open(tail);
        TestClient.Reply r = client.send("DELETE", tails("api-gateway") + "/" + tail.get("id").asText(),
                "Bearer " + emu.userToken(), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(s.awaitClose(WAIT)).isTrue();
        assertThat(s.closeCode).isEqualTo(CloseFrame.NORMAL);
        assertThat(s.closedRemotely).isTrue();
        assertThat(client.admin("GET", "/tails", null).json().get("tails")).isEmpty();
    }

    @Test
    void floodDeliversWhatItReports() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        TailSocket s = open(tail);
        JsonNode paced = flood("api-gateway", 40, 200);
        assertThat(paced.get("sent").asLong()).isEqualTo(40);
        JsonNode fast = flood("api-gateway", 20_000, 0);
        assertThat(fast.get("requested").asLong()).isEqualTo(20_000);
        assertThat(fast.get("sent").asLong()).isEqualTo(20_000);
        assertThat(fast.get("filtered").asLong()).isZero();
        awaitAllSent(s, tail);
        assertThat(s.events().size()).isGreaterThanOrEqualTo(20_040);
        assertThat(s.events()).allSatisfy(e -> assertThat(e.get("scriptName").asText()).isEqualTo("api-gateway"));

        assertThat(flood("checkout-api", 10, 0).get("tails").asInt()).as("no tails on that Worker").isZero();
        assertThat(client.admin("POST", "/tails/flood", "{\"events\":10}").status()).isEqualTo(400);
        assertThat(client.admin("POST", "/tails/flood", "{\"script\":\"api-gateway\",\"events\":0}").status()).isEqualTo(400);
    }

    @Test
    void resetDropsEveryTail() throws Exception {
        start();
        TailSocket s = open(create("api-gateway", "{}"));
        create("checkout-api", "{}");
        client.admin("POST", "/reset", null);
        assertThat(s.awaitClose(WAIT)).isTrue();
        assertThat(s.closeCode).isEqualTo(CloseFrame.GOING_AWAY);
        assertThat(client.admin("GET", "/tails", null).json().get("tails")).isEmpty();
        assertThat(client.get(tails("api-gateway")).json().get("result").isNull()).isTrue();
    }

    @Test
    void closingTheEmulatorClosesSocketsAndFreesThePort() throws Exception {
        start();
        JsonNode tail = create("api-gateway", "{}");
        TailSocket s = open(tail);
        int port = URI.create(tail.get("url").asText()).getPort();
        assertThat(threadNamed("flare-emulator-tail-pump")).isTrue();
        assertThat(threadNamed("WebSocketSelector-")).isTrue();

        long t0 = System.nanoTime();
        emu.close();
        emu = null;
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(s.awaitClose(WAIT)).isTrue();
        assertThat(s.closeCode).isIn(CloseFrame.GOING_AWAY, CloseFrame.ABNORMAL_CLOSE);
        try (ServerSocket again = new ServerSocket()) {
            // Only another listener would keep the bind from succeeding (not closed connections).
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertThat(threadNamed("flare-emulator-tail-pump")).isFalse();
        // The server's selector and decoder threads end too (decoders are interrupted, so allow them a moment).
        assertThat(s.await(x -> !threadNamed("WebSocketSelector-") && !threadNamed("WebSocketWorker-"),
                Duration.ofSeconds(2))).isTrue();
    }

    /** A live thread whose name starts so (Java-WebSocket numbers its server threads). */
    private static boolean threadNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
