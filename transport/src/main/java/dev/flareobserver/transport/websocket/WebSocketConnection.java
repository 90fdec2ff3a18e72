package dev.flareobserver.transport.websocket;

/** A WebSocket that may reconnect behind the scenes; {@link #close()} ends it for good. */
public interface WebSocketConnection extends AutoCloseable {

  /** Sends a text frame; false when the socket is not open at the moment. */
  boolean send(String text);

  boolean isOpen();

  @Override
  void close();
}
