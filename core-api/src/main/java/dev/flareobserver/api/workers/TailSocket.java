package dev.flareobserver.api.workers;

import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.websocket.ReconnectPolicy;
import dev.flareobserver.transport.websocket.WebSocketConnection;
import dev.flareobserver.transport.websocket.WebSocketListener;
import dev.flareobserver.transport.websocket.WebSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The WebSocket of one {@link Tail}, as wrangler opens it: subprotocol {@code trace-v1} (also set as the
 * {@code Sec-WebSocket-Protocol} header, which the service needs to accept it), then one text message
 * {@code {"debug":false}}. Never reconnects by itself: a lost tail socket means a new tail (create,
 * connect, delete the old one), which is the caller's decision. The API token is not sent; the URL is
 * the tail's credential and is never logged unredacted.
 */
public final class TailSocket implements AutoCloseable {
  /** The tail protocol version wrangler speaks. */
  public static final String SUBPROTOCOL = "trace-v1";

  private final WebSocketConnection connection;
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile boolean opened;

  private TailSocket(HttpTransport transport, Tail tail, TailSocketOptions options, TailSocketListener listener) {
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(tail.url(), "tail.url");
    Objects.requireNonNull(listener, "listener");
    String first = options.debug() ? "{\"debug\":true}" : "{\"debug\":false}";
    WebSocketOptions ws = new WebSocketOptions(SUBPROTOCOL, Map.of("Sec-WebSocket-Protocol", SUBPROTOCOL),
        options.pingInterval(), options.pongTimeout(), ReconnectPolicy.never());
    this.connection = transport.openWebSocket(tail.url(), ws, new WebSocketListener() {
      @Override
      public boolean takesFramesOnSocketThread() {
        return true; // TailSocketListener.onMessage must not block (see there)
      }

      @Override
      public void onOpen() {
        touch();
        opened = true;
        send(first);
        listener.onOpen();
      }

      @Override
      public void onText(String text) {
        touch();
        listener.onMessage(text);
      }

      @Override
      public void onBinary(ByteBuffer data) {
        touch();
        listener.onMessage(StandardCharsets.UTF_8.decode(data).toString());
      }

      @Override
      public void onPong() {
        touch();
        listener.onPong();
      }

      @Override
      public void onClosed(int code, String reason, boolean remote) {
        listener.onClosed(code, reason, remote);
      }

      @Override
      public void onError(Exception error) {
        listener.onError(error);
      }
    });
  }

  static TailSocket open(HttpTransport transport, Tail tail, TailSocketOptions options, TailSocketListener listener) {
    return new TailSocket(transport, tail, options == null ? TailSocketOptions.defaults() : options, listener);
  }

  private void touch() {
    lastActivityNanos = System.nanoTime();
  }

  private void send(String text) {
    connection.send(text);
  }

  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Whether the socket has opened at least once. */
  public boolean hasOpened() {
    return opened;
  }

  /** Time since the last message, pong or open (or since this socket was created). */
  public Duration sinceLastActivity() {
    return Duration.ofNanos(System.nanoTime() - lastActivityNanos);
  }

  /** Closes the socket (code 1000); does not delete the tail. Idempotent. */
  @Override
  public void close() {
    connection.close();
  }
}
