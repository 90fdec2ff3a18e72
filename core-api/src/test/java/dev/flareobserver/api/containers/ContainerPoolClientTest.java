package dev.flareobserver.api.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.workers.DurableObjectNamespace;
import dev.flareobserver.transport.Credentials;
import java.io.IOException;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerPoolClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final String APP = "a1b2c3d4-0000-4000-8000-000000000001";

  private MockWebServer server;
  private CloudflareClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = CloudflareClient.builder().baseUrl(server.url("/client/v4").toString())
        .credentials(Credentials.token("cfut_PoolClientTestToken0123456789abcdefghijk")).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  @Test
  void poolStateIsReadWithItsCountsAndMembers() throws Exception {
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"application_id\":\"" + APP + "\","
        + "\"target_instances\":3,\"batch_size\":2,\"batch_spacing_seconds\":10,\"max_lifetime_seconds\":3600,"
        + "\"ready\":2,\"starting\":1,\"allocated\":0,\"batches\":2,\"orphans_cleaned\":0,\"expired\":0,"
        + "\"last_batch_at\":\"2026-01-01T00:00:10Z\",\"instances\":[{\"id\":\"i-1\",\"status\":\"ready\","
        + "\"state\":\"running\",\"location\":{\"name\":\"ams\",\"region\":\"WEUR\"},"
        + "\"created_at\":\"2026-01-01T00:00:00Z\"}]}}");

    Optional<ContainerPoolState> pool = client.containers().applications().pool().get(ACCOUNT, APP);

    assertThat(pool).get().satisfies(p -> {
      assertThat(p.targetInstances()).isEqualTo(3);
      assertThat(p.ready()).isEqualTo(2);
      assertThat(p.starting()).isEqualTo(1);
      assertThat(p.instances()).singleElement().satisfies(m -> {
        assertThat(m.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(m.location().region()).isEqualTo("WEUR");
      });
    });
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/containers/applications/"
        + APP + "/pool");
  }

  @Test
  void anApplicationWithoutAPoolIsEmptyNotAnError() {
    answer(404, "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"Not found: no pool\"}],"
        + "\"messages\":[],\"result\":null}");

    assertThat(client.containers().applications().pool().get(ACCOUNT, APP)).isEmpty();
  }

  @Test
  void durableObjectNamespacesNameTheirWorker() throws Exception {
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"ns1\",\"name\":\"pool\","
        + "\"script\":\"pool-worker\",\"class\":\"PoolContainer\",\"use_sqlite\":true}]}");

    assertThat(client.workers().durableObjects().list(ACCOUNT)).containsExactly(
        new DurableObjectNamespace("ns1", "pool", "pool-worker", "PoolContainer", true));
    assertThat(server.takeRequest().getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT + "/workers/durable_objects/namespaces");
  }
}
