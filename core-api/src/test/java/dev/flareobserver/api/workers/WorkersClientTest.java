package dev.flareobserver.api.workers;

import dev.flareobserver.api.MockApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.Page;
import dev.flareobserver.transport.NotFoundException;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkersClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

  @RegisterExtension
  final MockApi api = new MockApi();

  private String next() throws InterruptedException {
    RecordedRequest r = api.server().takeRequest();
    return r.getMethod() + " " + r.getPath();
  }

  @Test
  void listsScriptsWithTheirLastModification() throws Exception {
    api.answerFixture(200, "workers-scripts-list.json");

    List<WorkerScript> scripts = api.client().workers().scripts().list(ACCOUNT);

    assertThat(scripts).extracting(WorkerScript::id).containsExactly("checkout-api", "legacy-cron");
    assertThat(scripts.get(0).modifiedOn()).isEqualTo(Instant.parse("2026-01-08T09:12:30.176266Z"));
    assertThat(scripts.get(0).handlers()).containsExactly("fetch");
    assertThat(scripts.get(0).tailConsumers()).extracting(WorkerScript.TailConsumer::service).containsExactly("log-sink");
    assertThat(scripts.get(1).tailConsumers()).isEmpty();
    assertThat(next()).isEqualTo("GET /client/v4/accounts/" + ACCOUNT + "/workers/scripts");
  }

  @Test
  void getReturnsTheRawScriptAndA404StaysTyped() throws Exception {
    api.server().enqueue(new MockResponse().setHeader("Content-Type", "application/javascript")
        .setBody("export default { async fetch() { return new Response('hi') } }"));
    api.answer(404, "{\"success\":false,\"errors\":[{\"code\":10007,\"message\":\"This Worker does not exist on your "
        + "account.\"}],\"messages\":[],\"result\":null}");

    assertThat(api.client().workers().scripts().get(ACCOUNT, "hello")).contains("new Response('hi')");
    assertThatThrownBy(() -> api.client().workers().scripts().get(ACCOUNT, "nope")).isInstanceOf(NotFoundException.class);
    assertThat(next()).isEqualTo("GET /client/v4/accounts/" + ACCOUNT + "/workers/scripts/hello");
  }

  @Test
  void settingsAndSubdomainAndDelete() throws Exception {
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"compatibility_date\":\"2025-09-01\","
        + "\"compatibility_flags\":[\"nodejs_compat\"],\"logpush\":false,\"usage_model\":\"standard\","
        + "\"bindings\":[{\"name\":\"KV\",\"type\":\"kv_namespace\",\"namespace_id\":\"abc\"}]}}");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"subdomain\":\"acme\"}}");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":null}");

    ScriptSettings settings = api.client().workers().scripts().settings(ACCOUNT, "checkout-api");
    assertThat(settings.compatibilityFlags()).containsExactly("nodejs_compat");
    assertThat(settings.bindings().get(0).path("type").asText()).isEqualTo("kv_namespace");
    assertThat(api.client().workers().subdomain().get(ACCOUNT).subdomain()).isEqualTo("acme");
    api.client().workers().scripts().delete(ACCOUNT, "old-worker", true);

    assertThat(next()).endsWith("/workers/scripts/checkout-api/settings");
    assertThat(next()).isEqualTo("GET /client/v4/accounts/" + ACCOUNT + "/workers/subdomain");
    assertThat(next()).isEqualTo("DELETE /client/v4/accounts/" + ACCOUNT + "/workers/scripts/old-worker?force=true");
  }

  @Test
  void versionsArePagedThroughResultItems() throws Exception {
    api.answerFixture(200, "workers-versions-page1.json");
    api.answerFixture(200, "workers-versions-page1.json");
    api.answerFixture(200, "workers-versions-page2.json");

    Page<WorkerVersion> page = api.client().workers().scripts().versions(ACCOUNT, "checkout-api").list(1, 2);
    assertThat(page.items()).extracting(WorkerVersion::number).containsExactly(3, 2);
    assertThat(page.items().get(0).message()).isEqualTo("Switch to new pricing engine");
    assertThat(page.items().get(0).metadata().authorEmail()).isEqualTo("ana@example.com");
    assertThat(page.info().totalCount()).isEqualTo(3);

    List<WorkerVersion> all = api.client().workers().scripts().versions(ACCOUNT, "checkout-api").listAll().stream().toList();
    assertThat(all).extracting(WorkerVersion::number).containsExactly(3, 2, 1);
    assertThat(next()).endsWith("/workers/scripts/checkout-api/versions?page=1&per_page=2");
    assertThat(next()).endsWith("/versions?page=1&per_page=50");
    assertThat(next()).endsWith("/versions?page=2&per_page=50");
  }

  @Test
  void deploymentsListAndCreateA100PercentDeployment() throws Exception {
    api.answerFixture(200, "workers-deployments.json");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"new-dep\","
        + "\"created_on\":\"2026-01-08T11:00:00Z\",\"source\":\"api\",\"strategy\":\"percentage\","
        + "\"versions\":[{\"version_id\":\"0c6a2b11-8f6d-4a2e-9b36-2a1e5f2d7c01\",\"percentage\":100}],"
        + "\"annotations\":{\"workers/message\":\"Rollback to version 2 via Flare Observer\"}}}");

    ScriptDeploymentsClient deployments = api.client().workers().scripts().deployments(ACCOUNT, "checkout-api");
    List<Deployment> listed = deployments.list();
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).message()).isEqualTo("Switch to new pricing engine");
    assertThat(listed.get(1).versions()).extracting(Deployment.VersionPercentage::percentage).containsExactly(90.0, 10.0);

    Deployment created = deployments.create(CreateDeployment.allTo("0c6a2b11-8f6d-4a2e-9b36-2a1e5f2d7c01",
        "Rollback to version 2 via Flare Observer"));
    assertThat(created.id()).isEqualTo("new-dep");

    next();
    RecordedRequest post = api.server().takeRequest();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getBody().readUtf8()).isEqualTo("{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":"
        + "\"0c6a2b11-8f6d-4a2e-9b36-2a1e5f2d7c01\",\"percentage\":100.0}],\"annotations\":{\"workers/message\":"
        + "\"Rollback to version 2 via Flare Observer\"}}");
  }

  @Test
  void aDeploymentThatDoesNotAddUpIsRefusedBeforeSending() {
    assertThatThrownBy(() -> new CreateDeployment(CreateDeployment.PERCENTAGE,
        List.of(new Deployment.VersionPercentage("a", 50)), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 100");
    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void uploadSendsMetadataAndModulePartsAsWranglerDoes() throws Exception {
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"tiny\","
        + "\"modified_on\":\"2026-01-08T11:00:00Z\",\"handlers\":[\"fetch\"],\"startup_time_ms\":3}}");

    WorkerScript uploaded = api.client().workers().scripts().upload(ACCOUNT, "tiny",
        ScriptUpload.esModule("index.js", "export default { fetch() { return new Response('ok') } }", "2025-09-01"));

    assertThat(uploaded.id()).isEqualTo("tiny");
    RecordedRequest put = api.server().takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/workers/scripts/tiny");
    assertThat(put.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = put.getBody().readUtf8();
    assertThat(body).contains("Content-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json")
        .contains("\"main_module\":\"index.js\"")
        .contains("Content-Disposition: form-data; name=\"index.js\"; filename=\"index.js\"\r\n"
            + "Content-Type: application/javascript+module\r\n\r\nexport default");
  }

  @Test
  void missingNamesFailBeforeAnyRequest() {
    assertThatThrownBy(() -> api.client().workers().scripts().versions(ACCOUNT, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("script_name");
    assertThatThrownBy(() -> api.client().workers().scripts().list(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_id");
    assertThat(api.server().getRequestCount()).isZero();
  }
}
