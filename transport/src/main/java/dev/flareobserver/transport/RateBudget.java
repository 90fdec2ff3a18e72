package dev.flareobserver.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared meter of Cloudflare's request limits (REST 1200 / 5 min, GraphQL 300 / 5 min by default).
 * It counts requests over a sliding window and, when Cloudflare reports its own numbers in
 * {@code Ratelimit} / {@code Ratelimit-Policy} headers, trusts those until their reset time.
 * Thread-safe; listeners run on the thread that changed the budget, so they must be quick.
 */
public final class RateBudget {
  private static final Logger LOG = LoggerFactory.getLogger(RateBudget.class);

  private final Clock clock;
  private final Map<RequestKind, Meter> meters;
  private final List<Consumer<RateBudgetSnapshot>> listeners = new CopyOnWriteArrayList<>();

  public RateBudget() {
    this(Clock.systemUTC());
  }

  public RateBudget(Clock clock) {
    this(clock, 1200, Duration.ofMinutes(5), 300, Duration.ofMinutes(5));
  }

  public RateBudget(Clock clock, int restLimit, Duration restWindow, int graphqlLimit, Duration graphqlWindow) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = Map.of(RequestKind.REST, new Meter(restLimit, restWindow),
        RequestKind.GRAPHQL, new Meter(graphqlLimit, graphqlWindow));
  }

  public void addListener(Consumer<RateBudgetSnapshot> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Consumer<RateBudgetSnapshot> listener) {
    listeners.remove(listener);
  }

  /** Counts one request sent to Cloudflare. */
  public void recordRequest(RequestKind kind) {
    synchronized (this) {
      meters.get(kind).record(clock.instant());
    }
    publish();
  }

  /** Adopts the server's count: {@code remaining} requests left, window resetting in {@code resetSeconds}. */
  public void correct(RequestKind kind, int remaining, long resetSeconds) {
    correct(kind, remaining, resetSeconds, null);
  }

  public void correct(RequestKind kind, int remaining, long resetSeconds, Integer limit) {
    synchronized (this) {
      meters.get(kind).correct(clock.instant(), remaining, resetSeconds, limit, null);
    }
    publish();
  }

  /**
   * Applies {@code Ratelimit: "default";r=50;t=30} and {@code Ratelimit-Policy: "burst";q=100;w=60}.
   * Either may be null; returns whether anything was understood.
   */
  public boolean correctFromHeaders(RequestKind kind, String ratelimit, String ratelimitPolicy) {
    Map<String, Long> state = parseStructuredItem(ratelimit);
    Map<String, Long> policy = parseStructuredItem(ratelimitPolicy);
    Long remaining = state.get("r");
    Long reset = state.get("t");
    Long quota = policy.get("q");
    Long window = policy.get("w");
    if (remaining == null && quota == null) {
      return false;
    }
    synchronized (this) {
      Meter meter = meters.get(kind);
      meter.correct(clock.instant(),
          remaining == null ? null : remaining.intValue(),
          reset == null ? meter.window.toSeconds() : reset,
          quota == null ? null : quota.intValue(),
          window == null ? null : Duration.ofSeconds(window));
    }
    publish();
    return true;
  }

  public synchronized RateBudgetSnapshot snapshot() {
    Instant now = clock.instant();
    Meter rest = meters.get(RequestKind.REST);
    Meter graphql = meters.get(RequestKind.GRAPHQL);
    return new RateBudgetSnapshot(rest.limit, rest.remaining(now), rest.resetAt(now),
        graphql.limit, graphql.remaining(now), graphql.resetAt(now),
        rest.serverReported(now) || graphql.serverReported(now));
  }

  private void publish() {
    if (listeners.isEmpty()) {
      return;
    }
    RateBudgetSnapshot snapshot = snapshot();
    for (Consumer<RateBudgetSnapshot> listener : listeners) {
      try {
        listener.accept(snapshot);
      } catch (RuntimeException e) {
        LOG.warn("Rate budget listener failed", e);
      }
    }
  }

  /** The first item of an RFC 9651 list: {@code "name";a=1;b=2} -> {a=1, b=2}; unknown bits ignored. */
  private static Map<String, Long> parseStructuredItem(String header) {
    if (header == null || header.isBlank()) {
      return Map.of();
    }
    String item = header.split(",", 2)[0];
    Map<String, Long> params = new java.util.HashMap<>();
    for (String part : item.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        try {
          params.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), Long.parseLong(part.substring(eq + 1).trim()));
        } catch (NumberFormatException ignored) {
          // a parameter we do not use (or a malformed one) must not break accounting
        }
      }
    }
    return params;
  }

  private static final class Meter {
    private int limit;
    private Duration window;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private Integer serverRemaining;
    private Instant serverResetAt;
    private int sentSinceCorrection;

    Meter(int limit, Duration window) {
      this.limit = limit;
      this.window = window;
    }

    void record(Instant now) {
      prune(now);
      sent.addLast(now);
      sentSinceCorrection++;
    }

    void correct(Instant now, Integer remaining, long resetSeconds, Integer newLimit, Duration newWindow) {
      if (newLimit != null && newLimit > 0) {
        limit = newLimit;
      }
      if (newWindow != null && !newWindow.isZero() && !newWindow.isNegative()) {
        window = newWindow;
      }
      if (remaining != null) {
        serverRemaining = Math.max(0, remaining);
        serverResetAt = now.plusSeconds(Math.max(0, resetSeconds));
        sentSinceCorrection = 0;
      }
    }

    boolean serverReported(Instant now) {
      return serverResetAt != null && now.isBefore(serverResetAt);
    }

    int remaining(Instant now) {
      prune(now);
      if (serverReported(now)) {
        return Math.max(0, serverRemaining - sentSinceCorrection);
      }
      return Math.max(0, limit - sent.size());
    }

    Instant resetAt(Instant now) {
      if (serverReported(now)) {
        return serverResetAt;
      }
      return sent.isEmpty() ? now : sent.peekFirst().plus(window);
    }

    private void prune(Instant now) {
      Instant horizon = now.minus(window);
      while (!sent.isEmpty() && !sent.peekFirst().isAfter(horizon)) {
        sent.removeFirst();
      }
    }
  }
}
