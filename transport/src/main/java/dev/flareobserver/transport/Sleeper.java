package dev.flareobserver.transport;

import java.time.Duration;

/** Waits between retries; injected so tests record the delays instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
