package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A tail client as wrangler is one: subprotocol trace-v1, JSON messages collected in order. */
final class TailSocket extends WebSocketClient {

    private final List<JsonNode> messages = new ArrayList<>();
    final AtomicInteger pongs = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode = -1;
    volatile boolean closedRemotely;
    volatile String closeReason;

    private TailSocket(URI uri, boolean withProtocol) {
        super(uri, withProtocol ? new Draft_6455(List.of(), List.of(new Protocol("trace-v1"))) : new Draft_6455());
    }

    /** Connects (trace-v1) and sends wrangler's first message {@code {"debug":false}}. */
    static TailSocket open(String url) throws InterruptedException {
        TailSocket s = connect(url, true);
        if (!s.isOpen()) {
            throw new AssertionError("The tail socket did not open: " + url);
        }
        s.send("{\"debug\":false}");
        return s;
    }

    /** Connects without sending anything; the socket may have been refused (see {@link #isOpen()}). */
    static TailSocket connect(String url, boolean withProtocol) throws InterruptedException {
        TailSocket s = new TailSocket(URI.create(url), withProtocol);
        s.setConnectionLostTimeout(0);
        s.connectBlocking(5, TimeUnit.SECONDS);
        return s;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        JsonNode node;
        try {
            node = TestClient.MAPPER.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (messages) {
            messages.add(node);
        }
    }

    /** Every message received so far, in order. */
    List<JsonNode> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    @Override
    public void onWebsocketPong(org.java_websocket.WebSocket conn, Framedata f) {
        pongs.incrementAndGet();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closedRemotely = remote;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {
    }

    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Invocation events received so far (not sampling notices). */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (m.path("event").has("request") || m.path("event").has("cron")) {
                out.add(m);
            }
        }
        return out;
    }

    /** Sampling notices received so far, by type. */
    List<JsonNode> notices(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : messages()) {
            if (type.equals(m.path("event").path("type").asText(null))) {
                out.add(m);
            }
        }
        return out;
    }

    /** Waits until the messages satisfy {@code done}; false on timeout. */
    boolean await(Predicate<TailSocket> done, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (done.test(this)) {
                return true;
            }
            Thread.sleep(20);
        }
        return done.test(this);
    }

    /** Sends a ping and waits for its pong; false when none came in time. */
    boolean pingAnswered(Duration timeout) throws InterruptedException {
        int before = pongs.get();
        sendPing();
        return await(s -> s.pongs.get() > before, timeout);
    }
}
