package dev.flareobserver.api.workers;

/**
 * Receives one tail socket's events, in order, on that socket's own dispatch thread (never the network
 * thread). Implementations should hand work off quickly: a slow listener delays only its socket, but
 * frames queue up meanwhile.
 */
public interface TailSocketListener {

  /** The socket is open and the first message ({@code {"debug":false}}) was sent. */
  default void onOpen() {
  }

  /** One tail message as received (a binary frame is decoded as UTF-8). Parse it with {@link TailEventParser}. */
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
