package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.failure;
import static dev.flareobserver.transport.TestSupport.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flareobserver.transport.TestSupport.MutableClock;
import dev.flareobserver.transport.TestSupport.RecordingSleeper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = transportWith(RetryPolicy.defaults().withJitter(0));
  }

  private HttpTransport transportWith(RetryPolicy policy) {
    return HttpTransport.builder().baseUrl(server.url("/client/v4").toString())
        .credentials(Credentials.token(TestSupport.TOKEN))
        .retryPolicy(policy).sleeper(sleeper).clock(clock).build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private String getAccounts() {
    return transport.execute(ApiRequest.get("/accounts"), String.class).result();
  }

  @Test
  void rateLimitedRequestWaitsForRetryAfterSeconds() {
    server.enqueue(failure(429, 971, "slow down").setHeader("Retry-After", "7"));
    server.enqueue(success("\"ok\""));

    assertThat(getAccounts()).isEqualTo("ok");
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterAsHttpDateIsHonoured() {
    String in12Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
    server.enqueue(failure(429, 971, "slow down").setHeader("Retry-After", in12Seconds));
    server.enqueue(success("\"ok\""));

    assertThat(getAccounts()).isEqualTo("ok");
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void serviceUnavailableThenSuccessBacksOffExponentially() {
    server.enqueue(failure(503, 10001, "unavailable"));
    server.enqueue(failure(502, 10001, "bad gateway"));
    server.enqueue(success("\"ok\""));

    assertThat(getAccounts()).isEqualTo("ok");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void jitterShortensTheWaitButNeverBeyondItsShare() {
    RetryPolicy policy = RetryPolicy.defaults().withJitter(0.25);
    for (int i = 0; i < 100; i++) {
      assertThat(policy.backoff(3).toMillis()).isBetween(3000L, 4000L);
      assertThat(policy.backoff(10)).isLessThanOrEqualTo(Duration.ofSeconds(8));
    }
  }

  @Test
  void postIsNotRetried() {
    server.enqueue(failure(503, 10001, "unavailable"));
    server.enqueue(success("\"created\""));

    Throwable thrown = catchThrowable(() -> transport.execute(ApiRequest.post("/accounts"), String.class));

    assertThat(thrown).isInstanceOf(ServerErrorException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void postDeclaredIdempotentIsRetried() {
    server.enqueue(failure(503, 10001, "unavailable"));
    server.enqueue(success("\"ok\""));

    assertThat(transport.execute(ApiRequest.post("/query").idempotent(true), String.class).result()).isEqualTo("ok");
  }

  @Test
  void attemptsAreBoundedAndTheLastErrorIsThrown() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(failure(429, 971, "slow down").setHeader("Retry-After", "1"));
    }

    RateLimitedException error = catchThrowableOfType(this::getAccounts, RateLimitedException.class);

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits).hasSize(3);
  }

  @Test
  void retryAfterBeyondTheDeadlineFailsAtOnce() {
    server.enqueue(failure(429, 971, "slow down").setHeader("Retry-After", "300"));

    RateLimitedException error = catchThrowableOfType(this::getAccounts, RateLimitedException.class);

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(300));
    assertThat(sleeper.waits).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void deadlineStopsRetriesThatWouldRunPastIt() {
    transport.close();
    transport = transportWith(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(10), 0));
    for (int i = 0; i < 10; i++) {
      server.enqueue(failure(503, 10001, "unavailable"));
    }

    assertThat(catchThrowable(this::getAccounts)).isInstanceOf(ServerErrorException.class);
    // 1 + 2 + 4 = 7 s spent; the next 8 s wait would pass the 10 s deadline.
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void connectionFailuresOfIdempotentRequestsAreRetried() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpTransport refused = HttpTransport.builder().baseUrl("http://127.0.0.1:" + closedPort + "/client/v4")
        .retryPolicy(RetryPolicy.defaults().withJitter(0)).sleeper(sleeper).clock(clock).build()) {

      Throwable thrown = catchThrowable(() -> refused.execute(ApiRequest.get("/accounts"), String.class));

      assertThat(thrown).isInstanceOf(CloudflareConnectionException.class);
      assertThat(sleeper.waits).hasSize(3);
    }
  }

  @Test
  void droppedConnectionOfAGetIsRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(success("\"ok\""));

    assertThat(getAccounts()).isEqualTo("ok");
  }
}
