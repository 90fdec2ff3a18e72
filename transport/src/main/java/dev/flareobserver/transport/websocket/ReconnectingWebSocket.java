package dev.flareobserver.transport.websocket;

import dev.flareobserver.transport.RedactedUrl;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java-WebSocket client that keeps itself alive with pings, treats a missing pong as a dead connection,
 * and reconnects per its {@link ReconnectPolicy}. Each socket attempt is a fresh client; events reach the
 * listener through a single-thread executor owned by this connection.
 */
public final class ReconnectingWebSocket implements WebSocketConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingWebSocket.class);
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final URI url;
  private final String shownUrl;
  private final WebSocketOptions options;
  private final WebSocketListener listener;
  private final ExecutorService dispatcher;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger reconnectAttempt = new AtomicInteger();
  private volatile Socket current;
  private volatile boolean closedByUser;

  private ReconnectingWebSocket(URI url, WebSocketOptions options, WebSocketListener listener) {
    this.url = Objects.requireNonNull(url, "url");
    this.shownUrl = RedactedUrl.of(url);
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    int id = SEQUENCE.incrementAndGet();
    this.dispatcher = Executors.newSingleThreadExecutor(daemon("flare-ws-" + id + "-events"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("flare-ws-" + id + "-keepalive"));
  }

  /** Starts connecting and returns at once; {@link WebSocketListener#onOpen()} tells when it is up. */
  public static ReconnectingWebSocket open(URI url, WebSocketOptions options, WebSocketListener listener) {
    ReconnectingWebSocket connection = new ReconnectingWebSocket(url, options, listener);
    connection.connect();
    return connection;
  }

  @Override
  public boolean send(String text) {
    Socket socket = current;
    if (socket == null || !socket.isOpen()) {
      return false;
    }
    try {
      socket.send(text);
      return true;
    } catch (WebsocketNotConnectedException e) {
      return false;
    }
  }

  @Override
  public boolean isOpen() {
    Socket socket = current;
    return socket != null && socket.isOpen();
  }

  /** The subprotocol the server accepted, or null before the first open or when none was asked for. */
  public String negotiatedSubprotocol() {
    Socket socket = current;
    if (socket == null || socket.getProtocol() == null) {
      return null;
    }
    String name = socket.getProtocol().getProvidedProtocol();
    return name.isEmpty() ? null : name;
  }

  @Override
  public void close() {
    if (closedByUser) {
      return;
    }
    closedByUser = true;
    Socket socket = current;
    if (socket != null) {
      socket.close(CloseFrame.NORMAL, "closed by client");
    }
    // The close handshake may never complete on a dead link: stop the threads anyway after a grace period.
    try {
      scheduler.schedule(this::shutdownThreads, 2, TimeUnit.SECONDS);
    } catch (RejectedExecutionException alreadyStopped) {
      shutdownThreads();
    }
  }

  private void connect() {
    if (closedByUser) {
      return;
    }
    Socket socket = new Socket();
    current = socket;
    LOG.debug("WebSocket connecting to {}", shownUrl);
    socket.connect();
  }

  private void onSocketClosed(Socket socket, int code, String reason, boolean remote) {
    socket.stopKeepAlive();
    dispatch(() -> listener.onClosed(code, reason, remote));
    if (socket != current) {
      return;
    }
    if (closedByUser) {
      shutdownThreads();
      return;
    }
    int attempt = reconnectAttempt.incrementAndGet();
    if (!options.reconnect().allows(attempt)) {
      LOG.debug("WebSocket {} closed ({} {}); not reconnecting", shownUrl, code, reason);
      if (options.reconnect().maxAttempts() > 0) {
        dispatch(() -> listener.onError(new IOException(
            "Gave up reconnecting to " + shownUrl + " after " + options.reconnect().maxAttempts() + " attempts")));
      }
      shutdownThreads();
      return;
    }
    Duration delay = options.reconnect().delayFor(attempt);
    LOG.debug("WebSocket {} closed ({} {}); reconnect {} in {} ms", shownUrl, code, reason, attempt, delay.toMillis());
    dispatch(() -> listener.onReconnecting(attempt, delay));
    try {
      scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // close() raced with the drop; nothing left to reconnect
    }
  }

  private void shutdownThreads() {
    scheduler.shutdownNow();
    dispatcher.shutdown();
  }

  private void dispatch(Runnable event) {
    try {
      dispatcher.execute(() -> {
        try {
          event.run();
        } catch (RuntimeException e) {
          LOG.warn("WebSocket listener for {} failed", shownUrl, e);
        }
      });
    } catch (RejectedExecutionException afterClose) {
      LOG.debug("WebSocket event for {} dropped after close", shownUrl);
    }
  }

  private Draft draft() {
    String subprotocol = options.subprotocol();
    // An empty Protocol accepts a server that picks none, as Draft_6455's default does.
    return new LeanDraft(List.of(new Protocol(subprotocol == null || subprotocol.isBlank() ? "" : subprotocol)));
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** One socket attempt. Java-WebSocket calls these methods on its own thread: they only hand work off. */
  private final class Socket extends WebSocketClient implements LeanDraft.TextReceiver {
    private volatile long lastPongNanos;
    private volatile java.util.concurrent.ScheduledFuture<?> keepAlive;

    Socket() {
      super(url, draft(), options.headers(), CONNECT_TIMEOUT_MS);
      // Our own keep-alive below has a configurable pong timeout; the library's would duplicate it.
      setConnectionLostTimeout(0);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      LOG.debug("WebSocket open: {}", shownUrl);
      reconnectAttempt.set(0);
      lastPongNanos = System.nanoTime();
      startKeepAlive();
      dispatch(listener::onOpen);
    }

    /**
     * A whole text frame, before the library decodes it. One copy into a String; malformed UTF-8 becomes
     * U+FFFD rather than closing the connection (a log line with a bad byte is still worth showing).
     */
    @Override
    public void onTextFrame(ByteBuffer utf8) {
      String text = utf8.hasArray()
          ? new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(), StandardCharsets.UTF_8)
          : StandardCharsets.UTF_8.decode(utf8).toString();
      onMessage(text);
    }

    @Override
    public void onMessage(String message) {
      if (listener.takesFramesOnSocketThread()) {
        deliverOnSocketThread(() -> listener.onText(message));
      } else {
        dispatch(() -> listener.onText(message));
      }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
      if (listener.takesFramesOnSocketThread()) {
        deliverOnSocketThread(() -> listener.onBinary(bytes));
      } else {
        dispatch(() -> listener.onBinary(bytes));
      }
    }

    private void deliverOnSocketThread(Runnable frame) {
      try {
        frame.run();
      } catch (RuntimeException e) {
        LOG.warn("WebSocket listener failed on a frame from {}", shownUrl, e);
      }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata frame) {
      lastPongNanos = System.nanoTime();
      dispatch(listener::onPong);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      onSocketClosed(this, code, reason, remote);
    }

    @Override
    public void onError(Exception error) {
      dispatch(() -> listener.onError(error));
    }

    private void startKeepAlive() {
      long interval = options.pingInterval().toMillis();
      if (interval <= 0) {
        return;
      }
      try {
        keepAlive = scheduler.scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        // closed while opening
      }
    }

    void stopKeepAlive() {
      java.util.concurrent.ScheduledFuture<?> task = keepAlive;
      if (task != null) {
        task.cancel(false);
      }
    }

    private void ping() {
      if (!isOpen()) {
        return;
      }
      long sentAt = System.nanoTime();
      try {
        sendPing();
      } catch (WebsocketNotConnectedException e) {
        return;
      }
      scheduler.schedule(() -> {
        if (isOpen() && lastPongNanos < sentAt) {
          LOG.debug("WebSocket {}: no pong within {} ms, treating the connection as dead", shownUrl,
              options.pongTimeout().toMillis());
          closeConnection(CloseFrame.ABNORMAL_CLOSE, "no pong within " + options.pongTimeout().toMillis() + " ms");
        }
      }, options.pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
