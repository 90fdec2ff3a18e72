package dev.flareobserver.api.workers;

/**
 * Receives one tail socket's events, in order. {@link #onMessage} runs on the network thread (a busy tail
 * delivers 100,000 frames a second, and a thread hop per frame costs a fifth of that), so it must only
 * hand the frame on, never block; the other events come on the socket's own dispatch thread.
 */
public interface TailSocketListener {

  /** The socket is open and the first message ({@code {"debug":false}}) was sent. */
  default void onOpen() {
  }

  /**
   * One tail message as received (a binary frame is decoded as UTF-8), on the network thread: queue it
   * (without blocking) and parse it elsewhere with {@link TailEventParser}.
   */
  void onMessage(String json);

  /** A keep-alive ping was answered. */
  default void onPong() {
  }

  /** The socket closed: 1000 from the server means the tail was ended there (e.g. deleted). */
  default void onClosed(int code, String reason, boolean remote) {
  }

  default void onError(Exception error) {
  }
}
