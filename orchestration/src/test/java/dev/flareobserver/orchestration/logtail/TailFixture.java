package dev.flareobserver.orchestration.logtail;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionOptions;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.connection.ConnectionState;
import dev.flareobserver.transport.RetryPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

/**
 * Cloudflare's tail service in small: the REST tails paths on a MockWebServer (with the connect calls an
 * AccountConnection makes) and the tail WebSockets on a Java-WebSocket server that accepts only
 * {@code trace-v1}. Every open tail of a Worker receives each event, as the real service does.
 */
final class TailFixture implements AutoCloseable {

    static final String TOKEN = "cfut_0123456789abcdefghij0123456789abcdefghij9f2c";
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    private static final Pattern TAILS = Pattern.compile(
            "/client/v4/accounts/([^/]+)/workers/scripts/([^/]+)/tails(?:/([^/]+))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tail on the "account". */
    static final class FixtureTail {
        final String id;
        final String worker;
        final Instant expiresAt;
        final String createBody;
        final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        volatile boolean silent;
        volatile boolean deleted;
        volatile String firstMessage;

        FixtureTail(String id, String worker, Instant expiresAt, String createBody) {
            this.id = id;
            this.worker = worker;
            this.expiresAt = expiresAt;
            this.createBody = createBody;
        }
    }

    final MockWebServer rest = new MockWebServer();
    final TraceServer ws = new TraceServer();
    final Map<String, FixtureTail> tails = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile Duration lifetime = Duration.ofHours(1);
    /** Answers a create instead of creating, when it returns non-null (refusals, failures). */
    volatile Function<String, MockResponse> createOverride = worker -> null;
    AccountConnection connection;

    TailFixture() throws IOException, InterruptedException {
        ws.start();
        if (!ws.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the WebSocket fixture did not start");
        }
        rest.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        rest.start();
    }

    AccountConnection connect() {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", TOKEN,
                "CLOUDFLARE_API_BASE_URL", rest.url("/client/v4").toString())).orElseThrow();
        connection = new AccountConnection(settings, ConnectionOptions.defaults().withRetryPolicy(RetryPolicy.none())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)));
        if (connection.connect().state() != ConnectionState.CONNECTED) {
            throw new IllegalStateException("fixture did not connect: " + connection.snapshot().problem());
        }
        requests.clear();
        return connection;
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        if (path.equals("/client/v4/user/tokens/verify")) {
            return json(200, ok("{\"id\":\"tok123\",\"status\":\"active\"}"));
        }
        if (path.equals("/client/v4/accounts")) {
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"" + ACCOUNT
                    + "\",\"name\":\"Acme Corp\",\"type\":\"standard\"}],\"result_info\":{\"page\":1,"
                    + "\"per_page\":20,\"count\":1,\"total_count\":1,\"total_pages\":1}}");
        }
        Matcher m = TAILS.matcher(path);
        if (!m.matches() || !m.group(1).equals(ACCOUNT)) {
            return json(404, error(7003, "No route for the URI"));
        }
        String worker = m.group(2);
        String id = m.group(3);
        requests.add(request.getMethod() + " " + worker + (id == null ? "" : " " + id));
        switch (request.getMethod()) {
            case "POST" -> {
                MockResponse override = createOverride.apply(worker);
                if (override != null) {
                    return override;
                }
                FixtureTail tail = new FixtureTail("tail" + ids.incrementAndGet(), worker,
                        Instant.now().plus(lifetime), request.getBody().readUtf8());
                tails.put(tail.id, tail);
                return json(200, ok(describe(tail)));
            }
            case "GET" -> {
                List<FixtureTail> open = tails.values().stream().filter(t -> t.worker.equals(worker) && !t.deleted)
                        .toList();
                return json(200, ok(open.size() == 1 ? describe(open.get(0))
                        : "[" + String.join(",", open.stream().map(this::describe).toList()) + "]"));
            }
            case "DELETE" -> {
                FixtureTail tail = tails.get(id);
                if (tail == null || tail.deleted) {
                    return json(404, error(10000, "Tail not found"));
                }
                tail.deleted = true;
                // Deleting a tail ends its socket, as the service does.
                tail.sockets.forEach(s -> s.close(1000, "tail deleted"));
                return json(200, ok("null"));
            }
            default -> {
                return json(405, error(10000, "Method not allowed"));
            }
        }
    }

    private String describe(FixtureTail tail) {
        return "{\"id\":\"" + tail.id + "\",\"url\":\"ws://127.0.0.1:" + ws.getPort() + "/" + tail.id
                + "\",\"expires_at\":\"" + tail.expiresAt + "\"}";
    }

    /** A tail that exists on the account without this process having created it (an earlier run's). */
    FixtureTail existing(String id, String worker) {
        FixtureTail tail = new FixtureTail(id, worker, Instant.now().plus(lifetime), "{\"filters\":[]}");
        tails.put(id, tail);
        return tail;
    }

    /** Sends the message to every open socket of the Worker's live tails. */
    void emit(String worker, String json) {
        for (FixtureTail t : tails.values()) {
            if (t.worker.equals(worker) && !t.deleted && !t.silent) {
                for (WebSocket s : t.sockets) {
                    if (s.isOpen()) {
                        s.send(json);
                    }
                }
            }
        }
    }

    /** The Worker's live tails stop sending and stop answering pings (as after a silent expiry). */
    void silence(String worker) {
        live(worker).forEach(t -> t.silent = true);
    }

    /** Cuts the Worker's sockets without a close handshake (code 1006 on the client). */
    void drop(String worker) {
        live(worker).forEach(t -> t.sockets.forEach(s -> s.closeConnection(1006, "cut")));
    }

    /** Closes the Worker's sockets normally (code 1000), as when the tail is ended on the service. */
    void closeNormally(String worker) {
        live(worker).forEach(t -> {
            t.deleted = true;
            t.sockets.forEach(s -> s.close(1000, "tail ended"));
        });
    }

    List<FixtureTail> live(String worker) {
        return tails.values().stream().filter(t -> t.worker.equals(worker) && !t.deleted).toList();
    }

    /** Live tails of the Worker with an open socket. */
    long connected(String worker) {
        return live(worker).stream().filter(t -> t.sockets.stream().anyMatch(WebSocket::isOpen)).count();
    }

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    long liveTails() {
        return tails.values().stream().filter(t -> !t.deleted).count();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        rest.shutdown();
        try {
            ws.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tail sockets: {@code /<tail id>}, protocol {@code trace-v1} only. */
    final class TraceServer extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final Set<String> protocols = ConcurrentHashMap.newKeySet();

        TraceServer() {
            super(new InetSocketAddress("127.0.0.1", 0),
                    List.of(new Draft_6455(List.of(), List.of(new Protocol("trace-v1")))));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            protocols.add(handshake.getFieldValue("Sec-WebSocket-Protocol"));
            FixtureTail tail = tails.get(handshake.getResourceDescriptor().substring(1));
            if (tail == null || tail.deleted) {
                conn.close(1008, "no such tail");
                return;
            }
            conn.setAttachment(tail);
            tail.sockets.add(conn);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            FixtureTail tail = conn.getAttachment();
            if (tail != null && tail.firstMessage == null) {
                tail.firstMessage = message;
            }
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata f) {
            FixtureTail tail = conn.getAttachment();
            if (tail == null || !tail.silent) {
                super.onWebsocketPing(conn, f);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
