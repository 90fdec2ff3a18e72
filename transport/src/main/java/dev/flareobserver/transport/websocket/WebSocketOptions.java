package dev.flareobserver.transport.websocket;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a WebSocket is opened and kept alive. A zero {@code pingInterval} turns keep-alive off; a ping not
 * answered within {@code pongTimeout} counts as a dead connection.
 */
public record WebSocketOptions(String subprotocol, Map<String, String> headers, Duration pingInterval,
                               Duration pongTimeout, ReconnectPolicy reconnect) {

  public WebSocketOptions {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    pingInterval = pingInterval == null ? Duration.ZERO : pingInterval;
    pongTimeout = pongTimeout == null ? Duration.ofSeconds(10) : pongTimeout;
    reconnect = reconnect == null ? ReconnectPolicy.never() : reconnect;
  }

  /** Ping every 10 s, pong within 10 s (as wrangler tail does), default reconnects. */
  public static WebSocketOptions defaults() {
    return new WebSocketOptions(null, Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(10),
        ReconnectPolicy.defaults());
  }

  public WebSocketOptions withSubprotocol(String value) {
    return new WebSocketOptions(value, headers, pingInterval, pongTimeout, reconnect);
  }

  public WebSocketOptions withHeaders(Map<String, String> value) {
    return new WebSocketOptions(subprotocol, value, pingInterval, pongTimeout, reconnect);
  }

  public WebSocketOptions withKeepAlive(Duration interval, Duration timeout) {
    return new WebSocketOptions(subprotocol, headers, Objects.requireNonNull(interval), Objects.requireNonNull(timeout),
        reconnect);
  }

  public WebSocketOptions withReconnect(ReconnectPolicy value) {
    return new WebSocketOptions(subprotocol, headers, pingInterval, pongTimeout, value);
  }
}
