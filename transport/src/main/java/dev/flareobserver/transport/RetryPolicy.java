package dev.flareobserver.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How idempotent requests are retried: at most {@code maxAttempts} tries in all, waiting
 * {@code baseDelay * 2^n} capped at {@code maxDelay} (minus up to {@code jitter} of it, so clients that
 * failed together do not retry together), and never past {@code deadline} after the first try.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration deadline, double jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(deadline, "deadline");
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), 0.25);
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
  }

  public RetryPolicy withMaxAttempts(int value) {
    return new RetryPolicy(value, baseDelay, maxDelay, deadline, jitter);
  }

  public RetryPolicy withDeadline(Duration value) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, value, jitter);
  }

  public RetryPolicy withJitter(double value) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, deadline, value);
  }

  /** The wait before retry number {@code retry} (0 = the first retry) when the server gave no hint. */
  public Duration backoff(int retry) {
    long base = baseDelay.toMillis();
    long capped = Math.min(maxDelay.toMillis(), base << Math.min(retry, 30));
    long jittered = Math.round(capped * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
    return Duration.ofMillis(Math.max(0, jittered));
  }
}
