package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GraphQL answers and raw script bodies: no envelope, the same typed errors and budget accounting. */
class RawJsonTest {
  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (transport != null) {
      transport.close();
    }
    server.shutdown();
  }

  private static ApiRequest graphql() {
    return ApiRequest.post("/graphql").kind(RequestKind.GRAPHQL).idempotent(true)
        .jsonBody(Map.of("query", "{ viewer { __typename } }", "variables", Map.of()));
  }

  @Test
  void bindsTheWholeGraphqlBodyAndDrawsOnTheGraphqlBudget() throws Exception {
    transport = TestSupport.transportFor(server).build();
    server.enqueue(json(200, "{\"data\":{\"viewer\":{\"__typename\":\"viewer\"}},\"errors\":null}"));

    JsonNode body = transport.executeJson(graphql(), transport.mapper().constructType(JsonNode.class));

    assertThat(body.path("data").path("viewer").path("__typename").asText()).isEqualTo("viewer");
    RecordedRequest sent = server.takeRequest();
    assertThat(sent.getPath()).isEqualTo("/client/v4/graphql");
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getBody().readUtf8()).contains("\"query\"");
    assertThat(transport.rateBudget().snapshot().graphqlRemaining()).isEqualTo(299);
    assertThat(transport.rateBudget().snapshot().restRemaining()).isEqualTo(1200);
  }

  @Test
  void aGraphqlRateLimitIsTypedCarriesTheMessageAndEmptiesTheBudget() {
    transport = TestSupport.transportFor(server).build();
    server.enqueue(json(429, "{\"data\":null,\"errors\":[{\"message\":\"rate limiter budget depleted, try again "
        + "after 5 minutes\",\"path\":[\"viewer\"],\"extensions\":{\"timestamp\":\"2026-01-01T00:00:00Z\"}}]}"));

    assertThatThrownBy(() -> transport.executeJson(graphql(), transport.mapper().constructType(JsonNode.class)))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("rate limiter budget depleted");
    assertThat(transport.rateBudget().snapshot().graphqlRemaining()).isZero();
  }

  @Test
  void aMarkedIdempotentGraphqlQueryIsRetriedAfterA503() {
    transport = TestSupport.transportFor(server).retryPolicy(RetryPolicy.defaults()).build();
    server.enqueue(json(503, "{\"data\":null,\"errors\":[{\"message\":\"unable to execute query, please try again later\"}]}"));
    server.enqueue(json(200, "{\"data\":{\"ok\":1},\"errors\":null}"));

    JsonNode body = transport.executeJson(graphql(), transport.mapper().constructType(JsonNode.class));

    assertThat(body.path("data").path("ok").asInt()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rawBodiesComeBackAsSentAndErrorsStayTyped() {
    transport = TestSupport.transportFor(server).build();
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/javascript")
        .setBody("export default { fetch() { return new Response('ok') } }"));
    server.enqueue(TestSupport.failure(404, 10007, "This Worker does not exist on your account."));

    byte[] script = transport.executeBytes(ApiRequest.get("/accounts/a/workers/scripts/x"));
    assertThat(new String(script, StandardCharsets.UTF_8)).startsWith("export default");
    assertThatThrownBy(() -> transport.executeBytes(ApiRequest.get("/accounts/a/workers/scripts/y")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("10007");
  }

  @Test
  void anUnreadableSuccessIsAParseError() {
    transport = TestSupport.transportFor(server).build();
    server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html>oops</html>"));

    assertThatThrownBy(() -> transport.executeJson(graphql(), transport.mapper().constructType(JsonNode.class)))
        .isInstanceOf(ResponseParseException.class);
  }

}
