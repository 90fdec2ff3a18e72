package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.failure;
import static dev.flareobserver.transport.TestSupport.json;
import static dev.flareobserver.transport.TestSupport.success;
import static dev.flareobserver.transport.TestSupport.transportFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest {
  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = transportFor(server).readTimeout(Duration.ofMillis(300)).build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private Throwable failureOfGetAccounts() {
    return catchThrowable(() -> transport.execute(ApiRequest.get("/accounts"), Object.class));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, AuthenticationException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitedException.class),
        Arguments.of(500, ServerErrorException.class),
        Arguments.of(502, ServerErrorException.class),
        Arguments.of(503, ServerErrorException.class),
        Arguments.of(418, CloudflareApiException.class));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void eachStatusBecomesItsTypedException(int status, Class<? extends CloudflareApiException> expected) {
    server.enqueue(failure(status, 10000, "Authentication error"));

    Throwable thrown = failureOfGetAccounts();

    assertThat(thrown).isExactlyInstanceOf(expected);
    CloudflareApiException error = (CloudflareApiException) thrown;
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.errors()).containsExactly(new ApiMessage(10000, "Authentication error", null));
    assertThat(error.cfRay()).isEqualTo("8a1b2c3d4e5f6a7b-AMS");
    assertThat(error.redactedUrl()).isEqualTo(server.url("/client/v4/accounts").toString());
    assertThat(error.getMessage())
        .contains("HTTP " + status, "code 10000: Authentication error", "GET " + error.redactedUrl(),
            "[cf-ray 8a1b2c3d4e5f6a7b-AMS]")
        .doesNotContain(TestSupport.TOKEN);
  }

  @Test
  void forbiddenReadsLikeASentence() {
    server.enqueue(failure(403, 10000, "Authentication error"));

    assertThat(failureOfGetAccounts().getMessage()).startsWith(
        "Cloudflare refused access (HTTP 403, code 10000: Authentication error) GET http");
  }

  @Test
  void rateLimitedCarriesRetryAfter() {
    server.enqueue(failure(429, 971, "Please wait and consider throttling your request speed")
        .setHeader("Retry-After", "42"));

    RateLimitedException error = catchThrowableOfType(() -> transport.execute(ApiRequest.get("/accounts"),
        Object.class), RateLimitedException.class);

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(42));
    assertThat(error.getMessage()).contains("retry after 42 s");
  }

  @Test
  void successFalseOn200IsAnApiError() {
    server.enqueue(failure(200, 7003, "No route for the URI"));

    Throwable thrown = failureOfGetAccounts();

    assertThat(thrown).isExactlyInstanceOf(CloudflareApiException.class);
    assertThat(((CloudflareApiException) thrown).httpStatus()).isEqualTo(200);
    assertThat(((CloudflareApiException) thrown).hasErrorCode(7003)).isTrue();
  }

  @Test
  void htmlBodyIsAParseError() {
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html")
        .setBody("<!DOCTYPE html><html><body>Attention Required! | Cloudflare</body></html>"));

    Throwable thrown = failureOfGetAccounts();

    assertThat(thrown).isInstanceOf(ResponseParseException.class)
        .hasMessageContaining("expected JSON but got HTML")
        .hasMessageContaining("text/html");
    ResponseParseException error = (ResponseParseException) thrown;
    assertThat(error.httpStatus()).isEqualTo(200);
    assertThat(error.bodySnippet()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void htmlErrorPageKeepsTheStatusType() {
    server.enqueue(new MockResponse().setResponseCode(502).setHeader("Content-Type", "text/html")
        .setBody("<html>Bad gateway</html>"));

    assertThat(failureOfGetAccounts()).isExactlyInstanceOf(ServerErrorException.class);
  }

  @Test
  void truncatedJsonIsAParseError() {
    server.enqueue(json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"a\""));

    assertThat(failureOfGetAccounts()).isInstanceOf(ResponseParseException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void jsonThatIsNotAnEnvelopeIsAParseError() {
    server.enqueue(json(200, "{\"data\":{\"viewer\":null}}"));

    assertThat(failureOfGetAccounts()).isInstanceOf(ResponseParseException.class)
        .hasMessageContaining("not a Cloudflare v4 envelope");
  }

  @Test
  void resultOfTheWrongShapeIsAParseError() {
    server.enqueue(success("\"just a string\""));

    Throwable thrown = catchThrowable(() -> transport.execute(ApiRequest.get("/accounts"), Map.class));

    assertThat(thrown).isInstanceOf(ResponseParseException.class).hasMessageContaining("expected shape");
  }

  @Test
  void emptyBodyOn200IsAParseError() {
    server.enqueue(new MockResponse().setResponseCode(200));

    assertThat(failureOfGetAccounts()).isInstanceOf(ResponseParseException.class).hasMessageContaining("empty");
  }

  @Test
  void connectionRefusedIsAConnectionError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpTransport refused = HttpTransport.builder().baseUrl("http://127.0.0.1:" + closedPort + "/client/v4")
        .retryPolicy(RetryPolicy.none()).build()) {

      Throwable thrown = catchThrowable(() -> refused.execute(ApiRequest.get("/accounts"), Object.class));

      assertThat(thrown).isExactlyInstanceOf(CloudflareConnectionException.class)
          .hasMessageStartingWith("Could not reach Cloudflare")
          .hasMessageContaining("GET http://127.0.0.1:" + closedPort + "/client/v4/accounts");
    }
  }

  @Test
  void slowAnswerIsATimeout() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThat(failureOfGetAccounts()).isExactlyInstanceOf(CloudflareTimeoutException.class)
        .hasMessageStartingWith("Cloudflare did not answer in time");
  }

  @Test
  void connectionDroppedMidResponseIsAConnectionError() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    assertThat(failureOfGetAccounts()).isInstanceOf(CloudflareConnectionException.class);
  }
}
