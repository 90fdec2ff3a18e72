package dev.flareobserver.transport.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** When a dropped WebSocket is opened again: up to {@code maxAttempts} in a row, with growing delays. */
public record ReconnectPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public ReconnectPolicy {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative");
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
  }

  public static ReconnectPolicy defaults() {
    return new ReconnectPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  public static ReconnectPolicy never() {
    return new ReconnectPolicy(0, Duration.ZERO, Duration.ZERO);
  }

  public boolean allows(int attempt) {
    return attempt <= maxAttempts;
  }

  /** Delay before reconnect attempt {@code attempt} (from 1): doubling, capped, with up to 20% jitter. */
  public Duration delayFor(int attempt) {
    long capped = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(Math.max(attempt - 1, 0), 30));
    return Duration.ofMillis(Math.round(capped * (1 - 0.2 * ThreadLocalRandom.current().nextDouble())));
  }
}
