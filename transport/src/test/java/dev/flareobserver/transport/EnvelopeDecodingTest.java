package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.json;
import static dev.flareobserver.transport.TestSupport.success;
import static dev.flareobserver.transport.TestSupport.transportFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvelopeDecodingTest {
  record Item(@JsonProperty("id") String id, @JsonProperty("name") String name,
              @JsonProperty("created_on") Instant createdOn) {
  }

  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = transportFor(server).build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  @Test
  void singleResultIsConvertedAndUnknownFieldsAreIgnored() throws Exception {
    server.enqueue(success("{\"id\":\"a1\",\"name\":\"Demo Account\",\"created_on\":\"2014-03-01T12:21:02.0000Z\","
        + "\"brand_new_field\":{\"x\":1}}").setHeader("cf-ray", "ray-1"));

    ApiResult<Item> result = transport.execute(ApiRequest.get("/accounts/{account_id}").pathParam("account_id", "a1"),
        new TypeReference<Item>() { });

    assertThat(result.result()).isEqualTo(new Item("a1", "Demo Account", Instant.parse("2014-03-01T12:21:02Z")));
    assertThat(result.cfRay()).isEqualTo("ray-1");
    assertThat(result.httpStatus()).isEqualTo(200);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/client/v4/accounts/a1");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TestSupport.TOKEN);
    assertThat(request.getHeader("User-Agent")).startsWith("flare-observer/");
  }

  @Test
  void listResultCarriesResultInfoAndMessages() {
    server.enqueue(json(200, """
        {"result_info":{"page":2,"per_page":20,"count":2,"total_count":22,"total_pages":2},
         "result":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
         "success":true,"errors":[],"messages":[{"code":10500,"message":"deprecated soon","documentation_url":"https://x"}]}
        """));

    ApiResult<List<Item>> result = transport.execute(ApiRequest.get("/accounts").query("page", 2),
        new TypeReference<List<Item>>() { });

    assertThat(result.result()).extracting(Item::id).containsExactly("a", "b");
    assertThat(result.resultInfo()).isEqualTo(new ResultInfo(2, 20, 2, 22, 2, null, null, null));
    assertThat(result.messages()).containsExactly(new ApiMessage(10500, "deprecated soon", "https://x"));
  }

  @Test
  void noContentIsSuccessWithNullResult() {
    server.enqueue(new MockResponse().setResponseCode(204));

    ApiResult<Map<String, Object>> result = transport.execute(
        ApiRequest.delete("/accounts/{id}/thing").pathParam("id", "x"), new TypeReference<Map<String, Object>>() { });

    assertThat(result.result()).isNull();
    assertThat(result.httpStatus()).isEqualTo(204);
  }

  @Test
  void pathParametersAreEncodedAndQueryNullsSkipped() throws Exception {
    server.enqueue(success("null"));

    transport.execute(ApiRequest.get("/kv/{key}").pathParam("key", "a/b c").query("cursor", null).query("limit", 10),
        Object.class);

    assertThat(server.takeRequest().getPath()).isEqualTo("/client/v4/kv/a%2Fb%20c?limit=10");
  }

  @Test
  void jsonBodyIsSentWithoutNulls() throws Exception {
    server.enqueue(success("{\"id\":\"n1\",\"name\":\"x\"}"));

    transport.execute(ApiRequest.post("/things").jsonBody(new Item(null, "x", null)), Item.class);

    RecordedRequest request = server.takeRequest();
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"name\":\"x\"}");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
  }

  @Test
  void decoderWorksWithoutHttp() {
    EnvelopeDecoder decoder = new EnvelopeDecoder(CloudflareJson.newObjectMapper());
    byte[] body = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[1,2,3]}".getBytes();

    ApiResult<List<Integer>> result = decoder.decode(body, 200,
        transport.mapper().getTypeFactory().constructCollectionType(List.class, Integer.class));

    assertThat(result.result()).containsExactly(1, 2, 3);
  }
}
