package dev.flareobserver.orchestration.monitor;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerMonitorTest {

    private static final Instant NOW = Instant.parse("2026-01-08T12:00:00Z");
    /** Three hours ago, on a 15-minute boundary. */
    private static final Instant DEPLOYED = Instant.parse("2026-01-08T09:00:00Z");
    private static final String V1 = "0c6a2b11-8f6d-4a2e-9b36-2a1e5f2d7c01";
    private static final String V2 = "18f97339-c287-4872-9bdd-e2135c07ec12";

    private MonitorFixture fixture;
    private ManualScheduler scheduler;
    private WorkerMonitor monitor;
    private volatile String postedDeployment;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new MonitorFixture();
        fixture.connect();
        scheduler = new ManualScheduler(NOW);
        fixture.graphql = body -> json(200, series());
        fixture.rest = this::rest;
    }

    @AfterEach
    void tearDown() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        fixture.close();
    }

    private okhttp3.mockwebserver.MockResponse rest(RecordedRequest r) {
        String path = r.getRequestUrl().encodedPath();
        if (path.endsWith("/workers/scripts/checkout-api/deployments") && r.getMethod().equals("GET")) {
            return json(200, ok("{\"deployments\":["
                    + "{\"id\":\"dep-2\",\"created_on\":\"" + DEPLOYED + "\",\"source\":\"wrangler\",\"strategy\":\"percentage\","
                    + "\"author_email\":\"ana@example.com\",\"versions\":[{\"version_id\":\"" + V2 + "\",\"percentage\":100}],"
                    + "\"annotations\":{\"workers/message\":\"Switch to new pricing engine\"}},"
                    + "{\"id\":\"dep-1\",\"created_on\":\"2026-01-01T09:00:00Z\",\"source\":\"api\",\"strategy\":\"percentage\","
                    + "\"author_email\":\"ben@example.com\",\"versions\":[{\"version_id\":\"" + V1 + "\",\"percentage\":100}]}]}"));
        }
        if (path.endsWith("/workers/scripts/checkout-api/deployments") && r.getMethod().equals("POST")) {
            postedDeployment = r.getBody().readUtf8();
            return json(200, ok("{\"id\":\"dep-3\",\"created_on\":\"" + NOW + "\",\"source\":\"api\",\"strategy\":"
                    + "\"percentage\",\"versions\":[{\"version_id\":\"" + V1 + "\",\"percentage\":100}],"
                    + "\"annotations\":{\"workers/message\":\"Rollback to version 1 via Flare Observer\"}}"));
        }
        if (path.endsWith("/workers/scripts/checkout-api/versions")) {
            return json(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"items\":["
                    + version(V2, 2, "Switch to new pricing engine") + "," + version(V1, 1, null)
                    + "]},\"result_info\":{\"page\":1,\"per_page\":50,\"count\":2,\"total_count\":2}}");
        }
        if (path.endsWith("/versions/" + V1)) {
            return json(200, ok(version(V1, 1, null)));
        }
        return json(404, error(7003, "No route"));
    }

    private static String version(String id, int number, String message) {
        return "{\"id\":\"" + id + "\",\"number\":" + number + ",\"metadata\":{\"author_email\":\"ana@example.com\","
                + "\"created_on\":\"2026-01-01T09:00:00Z\",\"source\":\"wrangler\"}"
                + (message == null ? "" : ",\"annotations\":{\"workers/message\":\"" + message + "\"}") + "}";
    }

    /** 6 h at 15 min: 1 % errors throughout, CPU p99 10 ms before the deployment and 30 ms after. */
    private static String series() {
        StringBuilder byStatus = new StringBuilder();
        StringBuilder latency = new StringBuilder();
        for (Instant t = NOW.minus(Duration.ofHours(6)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(15))) {
            boolean after = !t.isBefore(DEPLOYED);
            if (byStatus.length() > 0) {
                byStatus.append(',');
                latency.append(',');
            }
            byStatus.append("{\"dimensions\":{\"datetimeFifteenMinutes\":\"").append(t).append("\",\"status\":\"success\"},")
                    .append("\"sum\":{\"requests\":990,\"errors\":0,\"subrequests\":100}},")
                    .append("{\"dimensions\":{\"datetimeFifteenMinutes\":\"").append(t)
                    .append("\",\"status\":\"scriptThrewException\"},\"sum\":{\"requests\":10,\"errors\":10,\"subrequests\":0}}");
            latency.append("{\"dimensions\":{\"datetimeFifteenMinutes\":\"").append(t).append("\"},\"quantiles\":{")
                    .append("\"cpuTimeP50\":2000,\"cpuTimeP99\":").append(after ? 30000 : 10000)
                    .append(",\"wallTimeP50\":5000,\"wallTimeP99\":40000}}");
        }
        return "{\"data\":{\"viewer\":{\"accounts\":[{\"series\":[" + byStatus + "],\"latency\":[" + latency
                + "]}]}},\"errors\":null}";
    }

    @Test
    void seriesByStatusWithMarkersComparingEqualSpansAroundEachDeployment() {
        monitor = new WorkerMonitor(fixture.connection, "checkout-api",
                MonitorOptions.defaults().withClock(scheduler.clock).withScheduler(scheduler));
        monitor.start();
        scheduler.runDue();

        WorkerDetailSnapshot s = monitor.snapshot();
        assertThat(s.problem()).isNull();
        assertThat(s.window()).isEqualTo(TimeWindow.H6);
        assertThat(s.series()).hasSize(24);
        SeriesPoint first = s.series().get(0);
        assertThat(first.requestsByStatus()).containsEntry("success", 990L).containsEntry("scriptThrewException", 10L);
        assertThat(first.requests()).isEqualTo(1000);
        assertThat(first.errors()).isEqualTo(10);
        assertThat(first.cpuP99Ms()).isEqualTo(10.0);
        assertThat(first.wallP99Ms()).isEqualTo(40.0);
        assertThat(first.subrequests()).isEqualTo(100);

        assertThat(s.deployments()).extracting(DeploymentMarker::deploymentId).containsExactly("dep-1", "dep-2");
        DeploymentMarker regression = s.deployments().get(1);
        assertThat(regression.message()).isEqualTo("Switch to new pricing engine");
        assertThat(regression.author()).isEqualTo("ana@example.com");
        assertThat(regression.versions()).containsExactly(new VersionShare(V2, 2, 100));
        assertThat(regression.cpuP99BeforeMs()).isCloseTo(10.0, within(1e-9));
        assertThat(regression.cpuP99AfterMs()).isCloseTo(30.0, within(1e-9));
        assertThat(regression.errorRatioBefore()).isCloseTo(0.01, within(1e-9));
        assertThat(regression.errorRatioAfter()).isCloseTo(0.01, within(1e-9));
        assertThat(s.deployments().get(0).cpuP99BeforeMs()).as("outside the series").isNull();

        assertThat(s.versions()).extracting(VersionInfo::number).containsExactly(2, 1);
        assertThat(s.activeVersionId()).isEqualTo(V2);

        String query = fixture.graphqlBodies.get(0);
        assertThat(query).contains("scriptName: \\\"checkout-api\\\"")
                .contains("dimensions { datetimeFifteenMinutes status }");
        assertThat(fixture.graphqlBodies).hasSize(1);
    }

    @Test
    void rollbackWithTheWrongConfirmationSendsNothing() {
        WorkersService service = new WorkersService(fixture.connection);
        RollbackPlan plan = service.planRollback("checkout-api", V1);
        assertThat(plan.summary()).isEqualTo("Deploy version 1 of checkout-api to 100 % of traffic, replacing "
                + "version 2 (100 %).");
        int before = fixture.requests.size();

        assertThatThrownBy(() -> service.rollback(plan, "checkout", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"checkout-api\"");
        assertThatThrownBy(() -> service.rollback(plan, null, null)).isInstanceOf(IllegalArgumentException.class);

        assertThat(fixture.requests).hasSize(before);
        assertThat(postedDeployment).isNull();
    }

    @Test
    void rollbackCreatesAFullDeploymentOfTheChosenVersion() {
        WorkersService service = new WorkersService(fixture.connection);
        RollbackPlan plan = service.planRollback("checkout-api", V1);

        DeploymentMarker created = service.rollback(plan, "checkout-api", null);

        assertThat(postedDeployment).isEqualTo("{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"" + V1
                + "\",\"percentage\":100.0}],\"annotations\":{\"workers/message\":\"Rollback to version 1 via Flare Observer\"}}");
        assertThat(created.deploymentId()).isEqualTo("dep-3");
        assertThat(created.versions()).containsExactly(new VersionShare(V1, 1, 100));
    }

    @Test
    void aFailedSeriesKeepsTheChartsMarkedStale() {
        monitor = new WorkerMonitor(fixture.connection, "checkout-api",
                MonitorOptions.defaults().withClock(scheduler.clock).withScheduler(scheduler));
        monitor.start();
        scheduler.runDue();
        fixture.graphql = body -> json(400, "{\"data\":null,\"errors\":[{\"message\":\"unknown field \\\"cpuTimeUs\\\"\"}]}");

        scheduler.advance(Duration.ofSeconds(30));

        WorkerDetailSnapshot s = monitor.snapshot();
        assertThat(s.series()).hasSize(24);
        assertThat(s.staleness().stale()).isTrue();
        assertThat(s.problem().panel()).isEqualTo("Worker checkout-api");
        assertThat(s.problem().query()).isEqualTo("WorkerSeries");
        assertThat(s.problem().message()).contains("unknown field");
    }
}
