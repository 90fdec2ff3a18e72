package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.EmulatorException;
import dev.flareobserver.emulator.http.Json;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tail WebSockets, on their own loopback port (the JDK HTTP server cannot upgrade a connection).
 * A handshake must ask for subprotocol {@code trace-v1} and name a live tail's secret path, else it is
 * refused (HTTP 404, Java-WebSocket's answer to any refused handshake). One client per tail at a time:
 * a second connection to a tail whose socket is open is refused (the service's rule is unconfirmed;
 * wrangler always makes a new tail to reconnect). Once a tail has expired its socket stays open but
 * goes silent, as the real backend does, and stops answering pings, so clients notice only through
 * their keep-alive.
 */
final class TailSocketServer extends WebSocketServer {

    static final String PROTOCOL = "trace-v1";
    private static final Logger LOG = LoggerFactory.getLogger(TailSocketServer.class);

    private final TailRegistry registry;
    private final Clock clock;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    TailSocketServer(TailRegistry registry, Clock clock) {
        // One decoder thread: clients send one small message per tail.
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1,
                List.of(new Draft_6455(List.of(), List.of(new Protocol(PROTOCOL)))));
        this.registry = registry;
        this.clock = clock;
        setDaemon(true);
        setReuseAddr(true);
        // No server-side pings: the tail service's own keep-alive behaviour is unknown, and clients ping.
        setConnectionLostTimeout(0);
    }

    /** Starts listening; returns once the port is bound. */
    void startListening() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new EmulatorException("The tail WebSocket server did not start within 10 s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while starting the tail WebSocket server", e);
        }
        if (startFailure != null) {
            throw new EmulatorException("The tail WebSocket server could not listen: " + startFailure.getMessage(),
                    startFailure);
        }
    }

    /** Stops listening, closing open sockets with 1001 (going away); bounded, and the port is released. */
    void stopListening() {
        try {
            stop(1000, "The emulator is shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        String path = request.getResourceDescriptor();
        int query = path.indexOf('?');
        Tail tail = registry.byPath(query < 0 ? path : path.substring(0, query)).orElse(null);
        if (tail == null || tail.isExpired(clock.instant())) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "No live tail at " + path);
        }
        if (tail.isConnected()) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "Tail " + tail.id() + " already has a client");
        }
        conn.setAttachment(tail);
        return response;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Tail tail = conn.getAttachment();
        if (tail != null) {
            tail.attach(new TailConnection(conn, this), clock.instant());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Tail tail = conn.getAttachment();
        if (tail != null) {
            tail.detach(conn);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Tail tail = conn.getAttachment();
        if (tail == null) {
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(message);
        } catch (IOException e) {
            LOG.debug("Ignoring a tail message that is not JSON on tail {}", tail.id());
            return;
        }
        if (node == null || !node.isObject()) {
            return;
        }
        TailFilterSet filters = null;
        if (node.has("filters")) {
            try {
                filters = TailFilterSet.parse(node.get("filters"));
            } catch (IllegalArgumentException e) {
                // Unconfirmed how the service answers bad filters here; a policy close explains itself.
                conn.close(CloseFrame.POLICY_VALIDATION, closeReason("Invalid tail filters: " + e.getMessage()));
                return;
            }
        }
        tail.firstMessage(node.path("debug").asBoolean(false), filters);
    }

    /** A close frame carries at most 123 bytes of reason (control frames: 125 bytes, 2 for the code). */
    static String closeReason(String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 123) {
            return reason;
        }
        String cut = new String(utf8, 0, 120, StandardCharsets.UTF_8);
        // A multi-byte character cut in half decodes to U+FFFD: drop it.
        return (cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut) + "...";
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        // wrangler sends text; a binary frame with the same JSON is read the same way.
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        Tail tail = conn.getAttachment();
        if (tail != null && tail.isExpired(clock.instant())) {
            return; // the backend behind an expired tail is gone: no pong
        }
        super.onWebsocketPing(conn, ping);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
            return;
        }
        LOG.debug("Tail socket error", ex);
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
