package dev.flareobserver.transport.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Receives a connection's events, one at a time and in order, on that connection's own dispatch thread
 * (never the socket thread), so a slow listener delays only itself.
 */
public interface WebSocketListener {

  default void onOpen() {
  }

  void onText(String text);

  default void onBinary(ByteBuffer data) {
  }

  /** The socket closed; when {@link #onReconnecting} follows, a new socket is on its way. */
  default void onClosed(int code, String reason, boolean remote) {
  }

  default void onError(Exception error) {
  }

  /** A pong answered one of the keep-alive pings: the link and the peer are alive. */
  default void onPong() {
  }

  default void onReconnecting(int attempt, Duration delay) {
  }
}
