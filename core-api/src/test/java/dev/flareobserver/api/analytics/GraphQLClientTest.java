package dev.flareobserver.api.analytics;

import dev.flareobserver.api.MockApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.QuantileField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.SumField;
import dev.flareobserver.transport.BadRequestException;
import dev.flareobserver.transport.RateLimitedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphQLClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-01-08T10:15:00Z");

  @RegisterExtension
  final MockApi api = new MockApi();

  private static WorkersInvocationsQuery.Builder current() {
    return WorkersInvocationsQuery.builder().alias("current").accountTag(ACCOUNT)
        .since(NOW.minusSeconds(900)).until(NOW)
        .dimensions(Dimension.SCRIPT_NAME)
        .sum(SumField.REQUESTS, SumField.ERRORS, SumField.SUBREQUESTS)
        .quantiles(QuantileField.CPU_TIME_P50, QuantileField.CPU_TIME_P99, QuantileField.WALL_TIME_P99)
        .orderBy(OrderBy.desc(SumField.REQUESTS));
  }

  @Test
  void severalAliasedSelectionsGoOutAsOneDocumentInOneRequest() throws Exception {
    api.answerFixture(200, "graphql-invocations.json");
    WorkersInvocationsQuery load = WorkersInvocationsQuery.builder().alias("load").accountTag(ACCOUNT)
        .since(NOW.minusSeconds(3600)).until(NOW).dimensions(Dimension.DATETIME_MINUTE)
        .sum(SumField.REQUESTS, SumField.ERRORS).orderBy(OrderBy.asc(Dimension.DATETIME_MINUTE)).limit(500).build();

    GraphQLResult<Map<String, List<WorkersInvocationsRow>>> result =
        api.client().analytics().workersInvocations("AccountOverview", List.of(current().build(), load));

    assertThat(result.errors()).isEmpty();
    List<WorkersInvocationsRow> rows = result.data().get("current");
    assertThat(rows).extracting(r -> r.dimensions().scriptName()).containsExactly("checkout-api", "auth-service");
    assertThat(rows.get(0).sum().requests()).isEqualTo(1200);
    assertThat(rows.get(0).quantiles().cpuTimeP99()).isEqualTo(4200.0);
    assertThat(result.data().get("load").get(0).dimensions().time()).isEqualTo(Instant.parse("2026-01-08T10:00:00Z"));

    assertThat(api.server().getRequestCount()).isEqualTo(1);
    RecordedRequest sent = api.server().takeRequest();
    assertThat(sent.getMethod() + " " + sent.getPath()).isEqualTo("POST /client/v4/graphql");
    JsonNode body = new ObjectMapper().readTree(sent.getBody().readUtf8());
    String query = body.path("query").asText();
    assertThat(body.path("operationName").asText()).isEqualTo("AccountOverview");
    assertThat(query).startsWith("query AccountOverview {")
        .contains("accounts(filter: {accountTag: \"" + ACCOUNT + "\"})")
        .contains("current: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: \"2026-01-08T10:00:00Z\", "
            + "datetime_leq: \"2026-01-08T10:15:00Z\"}, orderBy: [sum_requests_DESC])")
        .contains("dimensions { scriptName }")
        .contains("sum { requests errors subrequests }")
        .contains("quantiles { cpuTimeP50 cpuTimeP99 wallTimeP99 }")
        .contains("load: workersInvocationsAdaptive(limit: 500, ")
        .contains("orderBy: [datetimeMinute_ASC]");
    assertThat(api.client().rateBudget().snapshot().graphqlRemaining()).isEqualTo(299);
  }

  @Test
  void errorsWithoutDataBecomeAGraphQLExceptionNamingQueryAndPath() {
    api.answerFixture(200, "graphql-error-range.json");

    assertThatThrownBy(() -> api.client().analytics().workersInvocations("AccountOverview", List.of(current().build())))
        .isInstanceOfSatisfying(GraphQLException.class, e -> {
          assertThat(e.queryName()).isEqualTo("AccountOverview");
          assertThat(e.firstMessage()).isEqualTo("query time range is too large");
          assertThat(e.path()).isEqualTo("viewer.accounts.0.current");
          assertThat(e.getMessage()).contains("AccountOverview").contains("query time range is too large");
        });
  }

  @Test
  void partialDataIsReturnedWithItsErrors() {
    api.answerFixture(200, "graphql-partial.json");
    WorkersInvocationsQuery previous = current().alias("previous").since(NOW.minusSeconds(1800)).until(NOW.minusSeconds(901))
        .build();

    GraphQLResult<Map<String, List<WorkersInvocationsRow>>> result =
        api.client().analytics().workersInvocations("AccountOverview", List.of(current().build(), previous));

    assertThat(result.isPartial()).isTrue();
    assertThat(result.data().get("current")).hasSize(1);
    assertThat(result.data().get("previous")).isEmpty();
    assertThat(result.errors().get(0).message()).startsWith("too many queries in progress");
  }

  @Test
  void httpErrorsStayTyped() {
    api.server().enqueue(new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
        .setBody("{\"data\":null,\"errors\":[{\"message\":\"rate limiter budget depleted, try again after 5 minutes\"}]}"));
    api.server().enqueue(new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody("{\"data\":null,\"errors\":[{\"message\":\"unknown field \\\"cpuTimeUs\\\"\"}]}"));

    assertThatThrownBy(() -> api.client().analytics().query("{ viewer { __typename } }", Map.of(), JsonNode.class))
        .isInstanceOf(RateLimitedException.class).hasMessageContaining("rate limiter budget depleted");
    assertThatThrownBy(() -> api.client().analytics().query("{ viewer { __typename } }", Map.of(), JsonNode.class))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("unknown field");
  }

  @Test
  void aFreeFormQueryPassesItsVariables() throws Exception {
    api.server().enqueue(new MockResponse().setHeader("Content-Type", "application/json")
        .setBody("{\"data\":{\"viewer\":{\"accounts\":[]}},\"errors\":null}"));

    JsonNode data = api.client().analytics().query("query ($a: string) { viewer { accounts(filter: {accountTag: $a}) { "
        + "__typename } } }", Map.of("a", ACCOUNT), JsonNode.class);

    assertThat(data.path("viewer").path("accounts").isArray()).isTrue();
    JsonNode body = new ObjectMapper().readTree(api.server().takeRequest().getBody().readUtf8());
    assertThat(body.path("variables").path("a").asText()).isEqualTo(ACCOUNT);
  }

  @Test
  void settingsNodeGivesTheDatasetLimits() throws Exception {
    api.answerFixture(200, "graphql-settings.json");

    DatasetSettings settings = api.client().analytics().workersInvocationsSettings(ACCOUNT);

    assertThat(settings.maxDuration()).isEqualTo(604800L);
    assertThat(settings.notOlderThan()).isEqualTo(2678400L);
    assertThat(settings.maxPageSize()).isEqualTo(10000);
    assertThat(api.server().takeRequest().getBody().readUtf8()).contains(
        "settings {\\n        workersInvocationsAdaptive { enabled availableFields maxPageSize maxNumberOfFields "
            + "notOlderThan maxDuration }");
  }

  @Test
  void theBuilderRefusesWhatCloudflareWouldRefuse() {
    assertThatThrownBy(() -> current().limit(10_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> current().since(NOW).until(NOW).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> current().alias("not valid")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkersInvocationsQuery.document("Q", List.of(current().build(),
        current().accountTag("other").alias("other").build())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one account per query");
    assertThatThrownBy(() -> WorkersInvocationsQuery.document("Q", List.of(current().build(), current().build())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void literalsAreEscaped() {
    String doc = current().filterScriptName("we\"ird\\name").build().toRequest("Q").query();
    assertThat(doc).contains("scriptName: \"we\\\"ird\\\\name\"");
  }
}
