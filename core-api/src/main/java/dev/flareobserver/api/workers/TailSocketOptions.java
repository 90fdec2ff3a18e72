package dev.flareobserver.api.workers;

import java.time.Duration;
import java.util.Objects;

/**
 * How a tail WebSocket is kept alive. A zero {@code pingInterval} sends no pings.
 *
 * @param pingInterval how often a ping is sent (wrangler: 10 s)
 * @param pongTimeout  a ping not answered within this closes the socket (abnormally, code 1006)
 * @param debug        the {@code debug} flag of the first message: ask the service to send events a filter
 *                     would have dropped, annotated (the annotation format is unconfirmed)
 */
public record TailSocketOptions(Duration pingInterval, Duration pongTimeout, boolean debug) {

  public TailSocketOptions {
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(pongTimeout, "pongTimeout");
    if (pingInterval.isNegative() || pongTimeout.isNegative()) {
      throw new IllegalArgumentException("Keep-alive durations must not be negative");
    }
  }

  /** As wrangler: a ping every 10 s, answered within 10 s; no debug. */
  public static TailSocketOptions defaults() {
    return new TailSocketOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), false);
  }

  public TailSocketOptions withKeepAlive(Duration interval, Duration timeout) {
    return new TailSocketOptions(interval, timeout, debug);
  }
}
