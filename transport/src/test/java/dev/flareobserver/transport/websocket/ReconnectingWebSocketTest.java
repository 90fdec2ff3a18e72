package dev.flareobserver.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingWebSocketTest {
  private static final ReconnectPolicy QUICK_RECONNECT =
      new ReconnectPolicy(5, Duration.ofMillis(50), Duration.ofMillis(200));

  private TailServer server;
  private final Recorder listener = new Recorder();
  private ReconnectingWebSocket connection;

  @BeforeEach
  void start() throws InterruptedException {
    server = new TailServer();
    server.start();
    assertThat(server.started.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (connection != null) {
      connection.close();
    }
    server.stop(1000);
  }

  private URI url() {
    return URI.create("ws://127.0.0.1:" + server.getPort() + "/tail");
  }

  private WebSocketOptions options() {
    return new WebSocketOptions("trace-v1", Map.of("X-Client", "flare"), Duration.ZERO, Duration.ofSeconds(1),
        QUICK_RECONNECT);
  }

  @Test
  void negotiatesTheSubprotocolAndDeliversTextOffTheSocketThread() throws InterruptedException {
    connection = ReconnectingWebSocket.open(url(), options(), listener);

    assertThat(listener.next()).isEqualTo("open");
    assertThat(listener.next()).isEqualTo("text:hello");
    assertThat(connection.negotiatedSubprotocol()).isEqualTo("trace-v1");
    assertThat(server.protocols.poll(5, TimeUnit.SECONDS)).isEqualTo("trace-v1");
    assertThat(server.clientHeaders.poll(5, TimeUnit.SECONDS)).isEqualTo("flare");
    assertThat(listener.threadNames).allMatch(name -> name.startsWith("flare-ws-"));

    assertThat(connection.send("{\"filters\":[]}")).isTrue();
    assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"filters\":[]}");
  }

  @Test
  void reconnectsAfterTheServerDropsTheConnection() throws InterruptedException {
    connection = ReconnectingWebSocket.open(url(), options(), listener);
    assertThat(listener.next()).isEqualTo("open");
    assertThat(listener.next()).isEqualTo("text:hello");

    server.getConnections().forEach(conn -> conn.close(1001, "going away"));

    assertThat(listener.next()).startsWith("closed:");
    assertThat(listener.next()).isEqualTo("reconnecting:1");
    assertThat(listener.next()).isEqualTo("open");
    assertThat(listener.next()).isEqualTo("text:hello");
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void keepAlivePingsKeepAnAnsweringConnectionOpen() throws InterruptedException {
    connection = ReconnectingWebSocket.open(url(), options().withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(300)),
        listener);
    assertThat(listener.next()).isEqualTo("open");

    Thread.sleep(700);

    assertThat(server.pings.get()).isGreaterThanOrEqualTo(3);
    assertThat(connection.isOpen()).isTrue();
    assertThat(listener.events).containsOnly("text:hello");
  }

  @Test
  void missingPongCountsAsADeadConnectionAndReconnects() throws InterruptedException {
    server.answerPings = false;
    connection = ReconnectingWebSocket.open(url(), options().withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(200)),
        listener);
    assertThat(listener.next()).isEqualTo("open");
    assertThat(listener.next()).isEqualTo("text:hello");

    assertThat(listener.next()).isEqualTo("closed:1006");
    assertThat(listener.next()).isEqualTo("reconnecting:1");
    assertThat(listener.next()).isEqualTo("open");
  }

  @Test
  void closeEndsTheConnectionWithoutReconnecting() throws InterruptedException {
    connection = ReconnectingWebSocket.open(url(), options(), listener);
    assertThat(listener.next()).isEqualTo("open");

    connection.close();

    assertThat(listener.nextSkipping("text:hello")).isEqualTo("closed:1000");
    assertThat(listener.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(connection.isOpen()).isFalse();
    assertThat(connection.send("late")).isFalse();
  }

  private static final class Recorder implements WebSocketListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<String> threadNames = new java.util.concurrent.CopyOnWriteArrayList<>();

    String next() throws InterruptedException {
      String event = events.poll(5, TimeUnit.SECONDS);
      assertThat(event).as("next WebSocket event").isNotNull();
      return event;
    }

    String nextSkipping(String ignored) throws InterruptedException {
      String event = next();
      return event.equals(ignored) ? next() : event;
    }

    private void record(String event) {
      threadNames.add(Thread.currentThread().getName());
      events.add(event);
    }

    @Override
    public void onOpen() {
      record("open");
    }

    @Override
    public void onText(String text) {
      record("text:" + text);
    }

    @Override
    public void onClosed(int code, String reason, boolean remote) {
      record("closed:" + code);
    }

    @Override
    public void onReconnecting(int attempt, Duration delay) {
      record("reconnecting:" + attempt);
    }
  }

  private static final class TailServer extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    final BlockingQueue<String> protocols = new LinkedBlockingQueue<>();
    final BlockingQueue<String> clientHeaders = new LinkedBlockingQueue<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    volatile boolean answerPings = true;

    TailServer() {
      super(new InetSocketAddress("127.0.0.1", 0), List.of(new Draft_6455(List.of(), List.of(new Protocol("trace-v1")))));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      protocols.add(handshake.getFieldValue("Sec-WebSocket-Protocol"));
      clientHeaders.add(handshake.getFieldValue("X-Client"));
      conn.send("hello");
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata frame) {
      pings.incrementAndGet();
      if (answerPings) {
        super.onWebsocketPing(conn, frame);
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
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
