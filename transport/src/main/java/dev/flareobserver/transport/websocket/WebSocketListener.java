package dev.flareobserver.transport.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Receives a connection's events, one at a time and in order, on that connection's own dispatch thread
 * (never the socket thread), so a slow listener delays only itself. A listener that only hands frames on
 * may take them on the socket thread instead ({@link #takesFramesOnSocketThread()}).
 */
public interface WebSocketListener {

  /**
   * True when {@link #onText} and {@link #onBinary} never block (they only hand the frame to a queue):
   * frames then arrive on the socket thread, which saves a thread hop and a task per frame on a busy
   * stream (a live tail at 100,000 events/s). The other events still come through the dispatch thread.
   */
  default boolean takesFramesOnSocketThread() {
    return false;
  }

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
