package dev.flareobserver.api.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.transport.Credentials;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TailSocketTest {
  private static final String TOKEN = "cfut_TailSocketTestToken0123456789abcdefghijklm";

  private TraceServer server;
  private CloudflareClient client;

  /** Accepts only {@code trace-v1}, as the tail service does. */
  static final class TraceServer extends WebSocketServer {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final List<String> protocolHeaders = new CopyOnWriteArrayList<>();
    final List<String> authorization = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);

    TraceServer() {
      super(new InetSocketAddress("127.0.0.1", 0), List.of(new Draft_6455(List.of(), List.of(new Protocol("trace-v1")))));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      protocolHeaders.add(handshake.getFieldValue("Sec-WebSocket-Protocol"));
      authorization.add(handshake.getFieldValue("Authorization"));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
      conn.send("{\"outcome\":\"ok\",\"logs\":[],\"exceptions\":[],\"eventTimestamp\":1,\"event\":null}");
      conn.send(ByteBuffer.wrap("{\"outcome\":\"ok\",\"eventTimestamp\":2}".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    URI url() {
      return URI.create("ws://127.0.0.1:" + getPort() + "/tail/abc");
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new TraceServer();
    server.start();
    assertThat(server.started.await(10, TimeUnit.SECONDS)).isTrue();
    client = CloudflareClient.builder().baseUrl("http://127.0.0.1:9/client/v4")
        .credentials(Credentials.token(TOKEN)).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.stop(1000);
  }

  @Test
  void speaksTraceV1SendsDebugFalseFirstAndDeliversTextAndBinaryFrames() throws Exception {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch pong = new CountDownLatch(1);
    Tail tail = new Tail("abc", server.url(), Instant.now().plusSeconds(3600));

    try (TailSocket socket = client.workers().tails().connect(tail,
        TailSocketOptions.defaults().withKeepAlive(Duration.ofMillis(100), Duration.ofSeconds(5)),
        new TailSocketListener() {
          @Override
          public void onOpen() {
            opened.countDown();
          }

          @Override
          public void onMessage(String json) {
            messages.add(json);
          }

          @Override
          public void onPong() {
            pong.countDown();
          }
        })) {
      assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"debug\":false}");
      assertThat(messages.poll(10, TimeUnit.SECONDS)).contains("\"eventTimestamp\":1");
      assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"outcome\":\"ok\",\"eventTimestamp\":2}");
      assertThat(pong.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(socket.isOpen()).isTrue();
      assertThat(socket.hasOpened()).isTrue();
      assertThat(socket.sinceLastActivity()).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(server.protocolHeaders).containsExactly("trace-v1");
    // The tail URL is the credential: the API token is not sent to it.
    assertThat(server.authorization).containsExactly("");
  }

  @Test
  void aServerWithoutTraceV1RefusesAndTheSocketReportsTheClose() throws Exception {
    CountDownLatch plainStarted = new CountDownLatch(1);
    WebSocketServer plain = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0),
        List.of(new Draft_6455(List.of(), List.of(new Protocol("other-v2"))))) {
      @Override
      public void onOpen(WebSocket conn, ClientHandshake handshake) {
      }

      @Override
      public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      }

      @Override
      public void onMessage(WebSocket conn, String message) {
      }

      @Override
      public void onError(WebSocket conn, Exception ex) {
      }

      @Override
      public void onStart() {
        plainStarted.countDown();
      }
    };
    plain.start();
    try {
      CountDownLatch closed = new CountDownLatch(1);
      assertThat(plainStarted.await(10, TimeUnit.SECONDS)).isTrue();
      Tail tail = new Tail("x", URI.create("ws://127.0.0.1:" + plain.getPort() + "/"), Instant.now());
      try (TailSocket socket = client.workers().tails().connect(tail, TailSocketOptions.defaults(),
          new TailSocketListener() {
            @Override
            public void onMessage(String json) {
            }

            @Override
            public void onClosed(int code, String reason, boolean remote) {
              closed.countDown();
            }
          })) {
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.hasOpened()).isFalse();
      }
    } finally {
      plain.stop(1000);
    }
  }
}
