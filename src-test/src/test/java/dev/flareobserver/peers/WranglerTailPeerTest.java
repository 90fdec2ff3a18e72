package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.tail.Tail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wrangler tail --format json} against the emulator: create, stream (trace-v1), keep-alive, and the end. */
class WranglerTailPeerTest {

    private static final String WORKER = "checkout-api";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Emulator emulator;
    private static String accountId;

    @BeforeAll
    static void start() {
        // No service-side sampling in the way: the flood below must arrive whole.
        emulator = Emulator.start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000).build());
        accountId = emulator.accounts().get(0).id();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void forgetTails() {
        emulator.reset(); // drops tails (and stats) between tests
    }

    @Test
    void wranglerTailPrintsTheStreamAsJson(@TempDir Path home) throws Exception {
        try (Wrangler.Streaming tail = startTail(home, "--method", "POST")) {
            Tail created = connectedTails().get(0);
            // wrangler sent its --method filter in the create body.
            assertThat(created.filters().raw().toString()).isEqualTo("[{\"method\":[\"POST\"]}]");

            JsonNode flood = admin("POST", "/tails/flood", "{\"script\":\"" + WORKER + "\",\"events\":60,\"rate\":0}");
            assertThat(flood.get("tails").asInt()).isEqualTo(1);
            long sent = flood.get("sent").asLong();
            assertThat(sent).as("POST events among checkout-api's traffic").isPositive();
            assertThat(await(() -> events(tail.stdout()).size() >= sent, Duration.ofSeconds(20)))
                    .as("wrangler printed what the emulator sent\n" + tail.stdout() + tail.stderr()).isTrue();
            // Keep-alive: wrangler pings every 10 s and exits without a pong; it must still be running.
            Thread.sleep(11_000);
            assertThat(tail.isAlive()).as("alive after a keep-alive round\n" + tail.stderr()).isTrue();

            int exit = tail.stop(Duration.ofSeconds(20));

            assertThat(exit).as(tail.stderr()).isZero();
            assertThat(events(tail.stdout())).isNotEmpty().allSatisfy(e -> {
                assertThat(e.get("scriptName").asText()).isEqualTo(WORKER);
                assertThat(e.at("/event/request/method").asText()).isEqualTo("POST");
                assertThat(e.at("/event/request/url").asText()).startsWith("https://" + WORKER + ".");
                assertThat(e.get("outcome").asText()).isNotBlank();
            });
        }
        // wrangler 4.80 does not delete its tail on SIGTERM: a global SIGTERM handler calls process.exit()
        // before the tail's asynchronous DELETE goes out (the reference describes the later behaviour that
        // awaits it). The tail outlives wrangler, disconnected, until it expires.
        assertThat(await(() -> connectedTails().isEmpty(), Duration.ofSeconds(10))).isTrue();
        assertThat(emulator.tails().all()).hasSize(1);
        assertThat(deletes()).isZero();
    }

    @Test
    void deletingTheTailEndsWranglerCleanly(@TempDir Path home) throws Exception {
        try (Wrangler.Streaming tail = startTail(home)) {
            Tail created = connectedTails().get(0);
            admin("POST", "/tails/flood", "{\"script\":\"" + WORKER + "\",\"events\":20,\"rate\":0}");
            assertThat(await(() -> !events(tail.stdout()).isEmpty(), Duration.ofSeconds(20))).isTrue();
            // wrangler prints events as soon as the socket is open, but its connect loop polls readyState every
            // 100 ms and takes a socket that opened and closed in between for a failed connection (exit 1).
            // Give it time to leave that loop.
            Thread.sleep(1_000);
            long before = deletes();

            URI tailUri = URI.create(emulator.baseUrl() + "/accounts/" + accountId + "/workers/scripts/" + WORKER
                    + "/tails/" + created.id());
            HttpRequest delete = HttpRequest.newBuilder(tailUri)
                    .header("Authorization", "Bearer " + emulator.userToken()).DELETE().build();
            assertThat(HTTP.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            // The socket closes with 1000, which wrangler takes as the end: it deletes its tail (already gone)
            // and exits.
            assertThat(await(() -> !tail.isAlive(), Duration.ofSeconds(20))).as("exited\n" + tail.stderr()).isTrue();
            assertThat(tail.stop(Duration.ofSeconds(5))).as(tail.stderr()).isZero();
            // Ours, then wrangler's own (its exit handler runs on the close event and again as the process exits).
            assertThat(deletes() - before).as("our DELETE and wrangler's own").isGreaterThanOrEqualTo(2);
            assertThat(emulator.tails().all()).isEmpty();
        }
    }

    private static Wrangler.Streaming startTail(Path home, String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("tail", WORKER, "--format", "json"));
        args.addAll(List.of(filters));
        Wrangler.Streaming tail = Wrangler.start(emulator, home, emulator.userToken(),
                Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args.toArray(String[]::new));
        if (!await(() -> connectedTails().size() == 1 || !tail.isAlive(), Duration.ofSeconds(60)) || !tail.isAlive()) {
            tail.close();
            throw new AssertionError("wrangler did not create and connect a tail\n" + tail.stdout() + tail.stderr());
        }
        return tail;
    }

    private static long deletes() {
        return emulator.stats().snapshot()
                .count("DELETE /accounts/{account_id}/workers/scripts/{script_name}/tails/{id}");
    }

    private static List<Tail> connectedTails() {
        return emulator.tails().all().stream().filter(Tail::isConnected).toList();
    }

    /**
     * wrangler's json format: each message as {@code JSON.stringify(message, null, 4)}, so a document
     * starts with a line "{" and ends with a line "}"; anything between documents (warnings) is skipped.
     */
    private static List<JsonNode> events(String stdout) {
        List<JsonNode> out = new ArrayList<>();
        StringBuilder document = null;
        for (String line : stdout.split("\n", -1)) {
            if (document == null && line.equals("{")) {
                document = new StringBuilder();
            }
            if (document != null) {
                document.append(line).append('\n');
                if (line.equals("}")) {
                    try {
                        JsonNode node = JSON.readTree(document.toString());
                        if (node.path("event").has("request")) {
                            out.add(node);
                        }
                    } catch (IOException e) {
                        throw new AssertionError("wrangler printed a document that is not JSON:\n" + document, e);
                    }
                    document = null;
                }
            }
        }
        return out;
    }

    private static JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.adminUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
