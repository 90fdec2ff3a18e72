package dev.flareobserver.api.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.containers.ContainersMetricsFields.Aggregate;
import dev.flareobserver.api.containers.ContainersMetricsFields.Dimension;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.RetryPolicy;
import dev.flareobserver.transport.ServerErrorException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainersClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final String BASE = "/client/v4/accounts/" + ACCOUNT + "/containers";
  private static final String APP = "a1b2c3d4-0000-4000-8000-000000000001";

  private MockWebServer server;
  private CloudflareClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client = CloudflareClient.builder()
        .baseUrl(server.url("/client/v4").toString())
        .credentials(Credentials.token("cfut_ContainersClientTestToken0123456789abcdefg"))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5), 0))
        .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private void answer(String result) {
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}");
  }

  private void answer(int status, String body) {
    server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody(body));
  }

  private RecordedRequest next() throws InterruptedException {
    return server.takeRequest();
  }

  private static final String APPLICATION = """
      {"id":"%s","account_id":"%s","name":"hello","version":2,"created_at":"2026-11-01T10:00:00Z",
       "updated_at":"2026-11-02T10:00:00Z","scheduling_policy":"moon","instances":3,"max_instances":5,
       "configuration":{"image":"registry.cloudflare.com/%s/hello:v2","instance_type":"basic","vcpu":0.25,
         "memory_mib":1024,"disk":{"size_mb":4000},"environment_variables":[{"name":"MODE","value":"demo"}],
         "some_future_field":{"x":1}},
       "constraints":{"regions":["WEUR"]},"active_rollout_id":"r-1",
       "health":{"instances":{"active":3,"healthy":2,"failed":1,"starting":0},"errors":[
         {"instance_id":"i-1","event":{"name":"VMFailed","type":"Error","message":"exit 1","time":"2026-11-02T10:00:00Z"}}]}}
      """.formatted(APP, ACCOUNT, ACCOUNT);

  @Test
  void listAllFollowsPageTokensAndReadsApplications() throws Exception {
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + APPLICATION + "],"
        + "\"result_info\":{\"per_page\":1,\"next_page_token\":\"t2\"}}");
    answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],"
        + "\"result_info\":{\"per_page\":1,\"page_token\":\"t2\"}}");

    List<ContainerApplication> apps = client.containers().applications()
        .listAll(ACCOUNT, new ApplicationListParams("hello", null, null, 1)).stream().toList();

    assertThat(apps).hasSize(1);
    ContainerApplication app = apps.get(0);
    assertThat(app.name()).isEqualTo("hello");
    assertThat(app.schedulingPolicy()).as("wrangler-only value").isEqualTo(SchedulingPolicy.UNKNOWN);
    assertThat(app.configuration().memoryMib()).isEqualTo(1024);
    assertThat(app.configuration().disk().sizeMb()).isEqualTo(4000);
    assertThat(app.configuration().environmentVariables()).containsExactly(new NameValue("MODE", "demo"));
    assertThat(app.health().instances().failed()).isEqualTo(1);
    assertThat(app.health().errors().get(0).event().name()).isEqualTo("VMFailed");
    assertThat(next().getPath()).isEqualTo(BASE + "/applications?name=hello&per_page=1");
    assertThat(next().getPath()).isEqualTo(BASE + "/applications?name=hello&per_page=1&page_token=t2");
  }

  @Test
  void createSendsTheDocumentedBodyOnceEvenWhenTheServerFails() throws Exception {
    answer(503, "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"busy\"}],\"messages\":[],\"result\":null}");

    ContainerConfiguration config = ContainerConfiguration.ofImage("registry.cloudflare.com/" + ACCOUNT + "/hello:v1");
    assertThatThrownBy(() -> client.containers().applications()
        .create(ACCOUNT, CreateApplication.scheduled("hello", config, 2)))
        .isInstanceOf(ServerErrorException.class);

    RecordedRequest r = next();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo(BASE + "/applications");
    assertThat(r.getBody().readUtf8()).isEqualTo("{\"name\":\"hello\",\"scheduling_policy\":\"default\","
        + "\"configuration\":{\"image\":\"registry.cloudflare.com/" + ACCOUNT + "/hello:v1\"},\"instances\":2}");
    assertThat(server.getRequestCount()).as("a POST that creates is never replayed").isEqualTo(1);
  }

  @Test
  void missingPathParametersAndRequiredFieldsFailBeforeAnyRequest() {
    ApplicationsClient apps = client.containers().applications();
    assertThatThrownBy(() -> apps.get(ACCOUNT, " ")).hasMessageContaining("application_id");
    assertThatThrownBy(() -> apps.create(ACCOUNT, CreateApplication.scheduled("x", ContainerConfiguration.ofImage(""), 1)))
        .hasMessageContaining("configuration.image");
    assertThatThrownBy(() -> apps.instances().get(ACCOUNT, APP, null)).hasMessageContaining("instance_id");
    assertThatThrownBy(() -> apps.rollouts().get(ACCOUNT, APP, "")).hasMessageContaining("rollout_id");
    assertThatThrownBy(() -> client.containers().registries().credentials(ACCOUNT, "", 5, Set.of(RegistryPermission.PUSH)))
        .hasMessageContaining("domain");
    assertThatThrownBy(() -> new CreateRollout("d", RolloutStrategy.ROLLING, ContainerConfiguration.ofImage("i"),
        null, 30, null, null)).hasMessageContaining("5, 10, 20, 25, 50, 100");
    assertThatThrownBy(() -> FetchRequest.get("")).hasMessageContaining("url");
    assertThatThrownBy(() -> ExecRequest.of()).hasMessageContaining("command");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void modifyPatchesOnlyTheGivenFieldsAndDeleteDeletes() throws Exception {
    answer(APPLICATION);
    answer("{}");

    client.containers().applications().modify(ACCOUNT, APP, ModifyApplication.instances(4));
    client.containers().applications().delete(ACCOUNT, APP);

    RecordedRequest patch = next();
    assertThat(patch.getMethod() + " " + patch.getPath()).isEqualTo("PATCH " + BASE + "/applications/" + APP);
    assertThat(patch.getBody().readUtf8()).isEqualTo("{\"instances\":4}");
    RecordedRequest delete = next();
    assertThat(delete.getMethod() + " " + delete.getPath()).isEqualTo("DELETE " + BASE + "/applications/" + APP);
  }

  @Test
  void readsInstancesInBothShapes() throws Exception {
    answer("{\"instances\":[{\"id\":\"i-1\",\"application_id\":\"" + APP + "\",\"name\":\"one\","
        + "\"created_at\":\"2026-11-02T10:00:00Z\",\"status\":{\"status\":\"healthy\",\"last_change\":1793700000000}},"
        + "{\"id\":\"i-2\",\"application_id\":\"" + APP + "\",\"name\":\"two\",\"status\":{\"status\":\"exploded\"}}]}");
    answer("[{\"id\":\"" + "ab".repeat(32) + "\",\"application_id\":\"" + APP + "\",\"image\":\"hello:v1\","
        + "\"started_at\":\"2026-11-02T10:00:00Z\",\"configuration\":{\"vcpu\":0.0625,\"memory\":256,\"disk\":2000},"
        + "\"location\":{\"name\":\"ams01\",\"region\":\"WEUR\"},"
        + "\"status\":{\"state\":\"unhealthy\",\"updated_at\":\"2026-11-02T10:01:00Z\"}}]");

    Page<ContainerInstance> v1 = client.containers().applications().instances().list(ACCOUNT, APP, null, null);
    Page<ContainerInstanceV2> v2 = client.containers().applications().instances()
        .listV2(ACCOUNT, APP, InstanceListParams.active(), null);

    assertThat(v1.items()).extracting(i -> i.status().status())
        .containsExactly(InstanceStatus.HEALTHY, InstanceStatus.UNKNOWN);
    assertThat(v2.items().get(0).state()).isEqualTo(InstanceState.UNHEALTHY);
    assertThat(v2.items().get(0).location().region()).isEqualTo("WEUR");
    assertThat(v2.items().get(0).configuration().memory()).isEqualTo(256);
    assertThat(next().getPath()).isEqualTo(BASE + "/applications/" + APP + "/instances");
    assertThat(next().getPath()).isEqualTo(BASE + "/applications/" + APP + "/instances-v2?state=active");
  }

  @Test
  void execDecodesBase64OutputAndFetchReturnsTheInstanceAnswer() throws Exception {
    answer("{\"exit_code\":3,\"stdout\":\"aGVsbG8K\",\"stderr\":\"\"}");
    answer("{\"status\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"hi\"}");
    InstancesClient instances = client.containers().applications().instances();

    ExecRequest.Result exec = instances.exec(ACCOUNT, APP, "i-1", ExecRequest.of("echo", "hello"));
    FetchRequest.Result fetch = instances.fetch(ACCOUNT, APP, "i-1", FetchRequest.get("/health"));

    assertThat(exec.exitCode()).isEqualTo(3);
    assertThat(exec.stdoutText()).isEqualTo("hello\n");
    assertThat(fetch.status()).isEqualTo(200);
    assertThat(fetch.body()).isEqualTo("hi");
    RecordedRequest e = next();
    assertThat(e.getPath()).isEqualTo(BASE + "/applications/" + APP + "/instances/i-1/exec");
    assertThat(e.getBody().readUtf8()).isEqualTo("{\"command\":[\"echo\",\"hello\"]}");
    RecordedRequest f = next();
    assertThat(f.getPath()).isEqualTo(BASE + "/applications/" + APP + "/instances/i-1/fetch");
    assertThat(f.getBody().readUtf8()).isEqualTo("{\"url\":\"/health\",\"method\":\"GET\"}");
  }

  @Test
  void rolloutsCreateListAndStepActions() throws Exception {
    String rollout = "{\"id\":\"r-1\",\"description\":\"Progressive update\",\"kind\":\"full_auto\",\"strategy\":\"rolling\","
        + "\"current_version\":1,\"target_version\":2,\"status\":\"progressing\",\"steps\":[{\"id\":1,"
        + "\"step_size\":{\"percentage\":50},\"description\":\"Step 1\",\"status\":\"completed\"},{\"id\":2,"
        + "\"step_size\":{\"percentage\":100},\"description\":\"Step 2\",\"status\":\"progressing\"}],"
        + "\"progress\":{\"total_steps\":2,\"current_step\":2,\"updated_instances\":1,\"total_instances\":2}}";
    answer(rollout);
    answer("[" + rollout + "]");
    answer(rollout.replace("progressing\",\"steps", "reverted\",\"steps"));

    RolloutsClient rollouts = client.containers().applications().rollouts();
    Rollout created = rollouts.create(ACCOUNT, APP, CreateRollout.rolling("Progressive update",
        ContainerConfiguration.ofImage("hello:v2"), 50));
    List<Rollout> listed = rollouts.list(ACCOUNT, APP);
    Rollout reverted = rollouts.update(ACCOUNT, APP, "r-1", RolloutAction.REVERT);

    assertThat(created.steps()).extracting(Rollout.Step::status)
        .containsExactly(RolloutStepStatus.COMPLETED, RolloutStepStatus.PROGRESSING);
    assertThat(created.progress().updatedInstances()).isEqualTo(1);
    assertThat(listed).hasSize(1);
    assertThat(reverted.status()).isEqualTo(RolloutStatus.REVERTED);
    assertThat(next().getBody().readUtf8()).isEqualTo("{\"description\":\"Progressive update\",\"strategy\":\"rolling\","
        + "\"target_configuration\":{\"image\":\"hello:v2\"},\"kind\":\"full_auto\",\"step_percentage\":50}");
    next();
    RecordedRequest action = next();
    assertThat(action.getMethod() + " " + action.getPath()).isEqualTo("POST " + BASE + "/applications/" + APP + "/rollouts/r-1");
    assertThat(action.getBody().readUtf8()).isEqualTo("{\"action\":\"revert\"}");
  }

  @Test
  void versionsRegistriesAndCredentials() throws Exception {
    answer("[{\"version\":1,\"percentage\":25,\"configuration\":{\"image\":\"a:1\"}},{\"version\":2,\"percentage\":75,"
        + "\"configuration\":{\"image\":\"a:2\"}}]");
    answer("[{\"domain\":\"registry.cloudflare.com\",\"created_at\":\"2026-11-01T00:00:00Z\"}]");
    answer("{\"domain\":\"docker.example.com\",\"created_at\":\"2026-11-01T00:00:00Z\"}");
    answer("{\"account_id\":\"" + ACCOUNT + "\",\"registry_host\":\"registry.cloudflare.com\",\"username\":\"v1\","
        + "\"password\":\"s3cret\"}");
    answer("{}");

    List<ApplicationVersion> versions = client.containers().applications().versions(ACCOUNT, APP);
    RegistriesClient registries = client.containers().registries();
    List<ImageRegistry> list = registries.list(ACCOUNT);
    registries.create(ACCOUNT, CreateImageRegistry.of("docker.example.com"));
    RegistryCredentials creds = registries.credentials(ACCOUNT, RegistriesClient.MANAGED_REGISTRY, 15,
        Set.of(RegistryPermission.PUSH));
    registries.delete(ACCOUNT, "docker.example.com");

    assertThat(versions).extracting(ApplicationVersion::percentage).containsExactly(25.0, 75.0);
    assertThat(list).extracting(ImageRegistry::domain).containsExactly("registry.cloudflare.com");
    assertThat(creds.basicAuthorization()).isEqualTo("Basic djE6czNjcmV0");
    assertThat(creds.toString()).doesNotContain("s3cret");
    assertThat(next().getPath()).isEqualTo(BASE + "/applications/" + APP + "/versions");
    next();
    assertThat(next().getBody().readUtf8()).isEqualTo("{\"domain\":\"docker.example.com\"}");
    RecordedRequest c = next();
    assertThat(c.getPath()).isEqualTo(BASE + "/registries/registry.cloudflare.com/credentials");
    assertThat(c.getBody().readUtf8()).isEqualTo("{\"expiration_minutes\":15,\"permissions\":[\"push\"]}");
    RecordedRequest d = next();
    assertThat(d.getMethod() + " " + d.getPath()).isEqualTo("DELETE " + BASE + "/registries/docker.example.com");
  }

  @Test
  void metricsQueryUsesTheDocumentedFieldsAndReadsRows() throws Exception {
    server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
        {"data":{"viewer":{"accounts":[{"containersMetricsAdaptiveGroups":[
          {"dimensions":{"instanceId":"i-1","datetimeHour":"2026-11-02T10:00:00Z"},
           "avg":{"cpuUtilization":0.25},"max":{"memory":1048576},"quantiles":{"memoryP95":900000}}]}]}},
         "errors":null}
        """));
    ContainersMetricsQuery query = ContainersMetricsQuery.builder().accountTag(ACCOUNT)
        .since(Instant.parse("2026-11-02T00:00:00Z")).until(Instant.parse("2026-11-02T12:00:00Z"))
        .filterInstanceId("i-1").dimensions(Dimension.INSTANCE_ID, Dimension.DATETIME_HOUR)
        .aggregates(Aggregate.AVG_CPU_UTILIZATION, Aggregate.MAX_MEMORY, Aggregate.P95_MEMORY)
        .orderByAsc(Dimension.DATETIME_HOUR).build();

    List<ContainersMetricsRow> rows = client.containers().metrics().query(query).data();

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).value(Aggregate.AVG_CPU_UTILIZATION)).isEqualTo(0.25);
    assertThat(rows.get(0).value(Aggregate.MAX_MEMORY)).isEqualTo(1048576.0);
    assertThat(rows.get(0).dimensions().datetimeHour()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    String body = next().getBody().readUtf8();
    assertThat(body).contains("containersMetricsAdaptiveGroups(limit: 1000, filter: {datetime_geq: \\\"2026-11-02T00:00:00Z\\\"")
        .contains("instanceId: \\\"i-1\\\"").contains("orderBy: [datetimeHour_ASC]")
        .contains("avg { cpuUtilization }").contains("max { memory }").contains("quantiles { memoryP95 }");
  }
}
