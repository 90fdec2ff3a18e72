package dev.flareobserver.api.workers;

import dev.flareobserver.api.MockApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.transport.BadRequestException;
import dev.flareobserver.transport.RetryPolicy;
import dev.flareobserver.transport.ServerErrorException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TailsClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final String CREATED = "{\"result\":{\"url\":\"ws://localhost:1234\",\"id\":\"tail-id\","
      + "\"expires_at\":\"3005-02-01T00:00:00.000Z\"},\"success\":true,\"errors\":[],\"messages\":[]}";

  @RegisterExtension
  final MockApi api = new MockApi(RetryPolicy.defaults());

  @Test
  void createSendsWranglersKitchenSinkBodyAndReadsTheTail() throws Exception {
    api.answer(200, CREATED);
    TailFilters filters = new TailFilters(0.69, TailFilters.outcomesForStatus(List.of("ok", "error")),
        List.of("GET", "POST", "PUT"), null, null, List.of("192.0.2.1", "self"), "onlyTheseMessagesPlease",
        "87501bef-3ef2-4464-a3d6-35e548695742").withHeader("X-HELLO:world");

    Tail tail = api.client().workers().tails().create(ACCOUNT, "my-worker", filters);

    assertThat(tail.id()).isEqualTo("tail-id");
    assertThat(tail.url()).isEqualTo(URI.create("ws://localhost:1234"));
    assertThat(tail.expiresAt()).isEqualTo(Instant.parse("3005-02-01T00:00:00Z"));
    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("POST /client/v4/accounts/" + ACCOUNT + "/workers/scripts/my-worker/tails");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"filters\":[{\"sampling_rate\":0.69},{\"outcome\":[\"ok\","
        + "\"exception\",\"exceededCpu\",\"exceededMemory\",\"unknown\"]},{\"method\":[\"GET\",\"POST\",\"PUT\"]},"
        + "{\"header\":{\"key\":\"X-HELLO\",\"query\":\"world\"}},{\"client_ip\":[\"192.0.2.1\",\"self\"]},"
        + "{\"query\":\"onlyTheseMessagesPlease\"},{\"scriptVersion\":\"87501bef-3ef2-4464-a3d6-35e548695742\"}]}");
  }

  @Test
  void createWithoutFiltersSendsAnEmptyList() throws Exception {
    api.answer(200, CREATED);

    api.client().workers().tails().create(ACCOUNT, "my-worker", null);

    assertThat(api.server().takeRequest().getBody().readUtf8()).isEqualTo("{\"filters\":[]}");
  }

  @Test
  void createIsNotRetriedBecauseAReplayWouldLeaveASecondTail() {
    api.answer(503, "{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"Service unavailable\"}],"
        + "\"messages\":[],\"result\":null}");
    api.answer(200, CREATED);

    assertThatThrownBy(() -> api.client().workers().tails().create(ACCOUNT, "my-worker", TailFilters.none()))
        .isInstanceOf(ServerErrorException.class);
    assertThat(api.server().getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRefusedCreateKeepsCloudflaresWords() {
    api.answer(400, "{\"success\":false,\"errors\":[{\"code\":10057,\"message\":\"Too many tails are open on this "
        + "Worker\"}],\"messages\":[],\"result\":null}");

    assertThatThrownBy(() -> api.client().workers().tails().create(ACCOUNT, "my-worker", TailFilters.none()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Too many tails are open on this Worker");
  }

  @Test
  void listReadsTheDocumentedSingleObject() throws Exception {
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"03dc9f77817b488fb26c5861ec18f791\","
        + "\"url\":\"wss://tail.developers.workers.dev/03dc9f77817b488fb26c5861ec18f791\","
        + "\"expires_at\":\"2026-11-22T16:00:00Z\"}}");

    List<Tail> tails = api.client().workers().tails().list(ACCOUNT, "my-worker");

    assertThat(tails).extracting(Tail::id).containsExactly("03dc9f77817b488fb26c5861ec18f791");
    assertThat(tails.get(0).expiresAt()).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("GET /client/v4/accounts/" + ACCOUNT + "/workers/scripts/my-worker/tails");
  }

  @Test
  void listAlsoReadsAnArrayAndNothing() {
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"a\",\"url\":\"wss://t/a\","
        + "\"expires_at\":\"2026-11-22T16:00:00Z\",\"extra\":1},{\"id\":\"b\",\"url\":\"wss://t/b\","
        + "\"expires_at\":\"2026-11-22T17:00:00Z\"}]}");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":null}");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}");

    assertThat(api.client().workers().tails().list(ACCOUNT, "my-worker")).extracting(Tail::id).containsExactly("a", "b");
    assertThat(api.client().workers().tails().list(ACCOUNT, "my-worker")).isEmpty();
    assertThat(api.client().workers().tails().list(ACCOUNT, "my-worker")).isEmpty();
  }

  @Test
  void deleteAddressesTheTail() throws Exception {
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":null}");

    api.client().workers().tails().delete(ACCOUNT, "my-worker", "tail-id");

    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("DELETE /client/v4/accounts/" + ACCOUNT + "/workers/scripts/my-worker/tails/tail-id");
  }

  @Test
  void missingPathParametersFailBeforeAnyRequest() throws Exception {
    TailsClient tails = api.client().workers().tails();

    assertThatThrownBy(() -> tails.create(" ", "w", null)).hasMessageContaining("account_id");
    assertThatThrownBy(() -> tails.create(ACCOUNT, null, null)).hasMessageContaining("script_name");
    assertThatThrownBy(() -> tails.list(ACCOUNT, "")).hasMessageContaining("script_name");
    assertThatThrownBy(() -> tails.delete(ACCOUNT, "w", "")).hasMessageContaining("'id'");
    assertThat(api.server().takeRequest(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void theTailUrlIsNeverPrinted() {
    Tail tail = new Tail("abc", URI.create("wss://tail.example/abc?secret=1"), Instant.EPOCH);

    assertThat(tail.toString()).doesNotContain("wss://").doesNotContain("secret");
  }
}
