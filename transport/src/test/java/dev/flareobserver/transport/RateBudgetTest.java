package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.transport.TestSupport.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class RateBudgetTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RateBudget budget = new RateBudget(clock);

  @Test
  void startsFullAndCountsEachKindSeparately() {
    budget.recordRequest(RequestKind.REST);
    budget.recordRequest(RequestKind.REST);
    budget.recordRequest(RequestKind.GRAPHQL);

    RateBudgetSnapshot snapshot = budget.snapshot();
    assertThat(snapshot.restLimit()).isEqualTo(1200);
    assertThat(snapshot.restRemaining()).isEqualTo(1198);
    assertThat(snapshot.graphqlLimit()).isEqualTo(300);
    assertThat(snapshot.graphqlRemaining()).isEqualTo(299);
    assertThat(snapshot.restResetAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(snapshot.serverReported()).isFalse();
  }

  @Test
  void requestsLeaveTheSlidingWindowAfterFiveMinutes() {
    budget.recordRequest(RequestKind.REST);
    clock.advance(Duration.ofMinutes(2));
    budget.recordRequest(RequestKind.REST);
    clock.advance(Duration.ofMinutes(3));

    assertThat(budget.snapshot().restRemaining()).isEqualTo(1199);
    assertThat(budget.snapshot().restResetAt()).isEqualTo(Instant.parse("2026-01-01T00:07:00Z"));
  }

  @Test
  void serverHeadersCorrectTheCountUntilTheirReset() {
    budget.recordRequest(RequestKind.REST);

    assertThat(budget.correctFromHeaders(RequestKind.REST, "\"default\";r=50;t=30", "\"burst\";q=100;w=60")).isTrue();
    budget.recordRequest(RequestKind.REST);

    RateBudgetSnapshot snapshot = budget.snapshot();
    assertThat(snapshot.restLimit()).isEqualTo(100);
    assertThat(snapshot.restRemaining()).isEqualTo(49);
    assertThat(snapshot.restResetAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(snapshot.serverReported()).isTrue();

    clock.advance(Duration.ofSeconds(31));
    assertThat(budget.snapshot().serverReported()).isFalse();
    assertThat(budget.snapshot().restRemaining()).isEqualTo(98);
  }

  @Test
  void unreadableHeadersChangeNothing() {
    assertThat(budget.correctFromHeaders(RequestKind.REST, "garbage", null)).isFalse();
    assertThat(budget.snapshot().restRemaining()).isEqualTo(1200);
  }

  @Test
  void listenersSeeEveryChange() {
    List<RateBudgetSnapshot> seen = new CopyOnWriteArrayList<>();
    budget.addListener(seen::add);

    budget.recordRequest(RequestKind.REST);
    budget.correct(RequestKind.REST, 10, 20);

    assertThat(seen).extracting(RateBudgetSnapshot::restRemaining).containsExactly(1199, 10);
    budget.removeListener(seen::add);
  }

  @Test
  void concurrentCallersAreAllCounted() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 800; i++) {
      pool.execute(() -> budget.recordRequest(RequestKind.REST));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(budget.snapshot().restRemaining()).isEqualTo(400);
  }

  @Test
  void transportCountsRequestsAndReadsRatelimitHeaders() throws IOException {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(success("1"));
      server.enqueue(success("2").setHeader("Ratelimit", "\"default\";r=1100;t=200")
          .setHeader("Ratelimit-Policy", "\"default\";q=1200;w=300"));
      server.enqueue(success("3"));
      server.start();
      List<RateBudgetSnapshot> seen = new CopyOnWriteArrayList<>();
      budget.addListener(seen::add);
      try (HttpTransport transport = TestSupport.transportFor(server).rateBudget(budget).clock(clock).build()) {
        transport.execute(ApiRequest.get("/a"), Integer.class);
        assertThat(budget.snapshot().restRemaining()).isEqualTo(1199);

        transport.execute(ApiRequest.get("/b"), Integer.class);
        transport.execute(ApiRequest.post("/graphql").kind(RequestKind.GRAPHQL), Integer.class);
      }
      assertThat(budget.snapshot().restRemaining()).isEqualTo(1100);
      assertThat(budget.snapshot().graphqlRemaining()).isEqualTo(299);
      assertThat(budget.snapshot().serverReported()).isTrue();
      assertThat(seen).isNotEmpty();
    }
  }
}
