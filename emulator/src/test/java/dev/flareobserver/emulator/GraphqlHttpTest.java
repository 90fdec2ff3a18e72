package dev.flareobserver.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** POST /client/v4/graphql through the whole pipeline: auth, its own rate budget, the GraphQL shape. */
class GraphqlHttpTest {

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Emulator emu;
    TestClient client;

    @BeforeEach
    void start() {
        emu = Emulator.start(EmulatorOptions.builder().restRateLimit(5, Duration.ofMinutes(5)).clock(clock).build());
        client = new TestClient(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    TestClient.Reply post(String query) {
        String body = TestClient.MAPPER.createObjectNode().put("query", query).toString();
        return client.send("POST", "/graphql", "Bearer " + emu.userToken(), body, "Content-Type", "application/json");
    }

    String overview(String account) {
        Instant now = clock.instant();
        return """
                { viewer { accounts(filter: {accountTag: "%s"}) {
                    current: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%s", datetime_lt: "%s"}) {
                      dimensions { scriptName } sum { requests errors subrequests } quantiles { cpuTimeP50 cpuTimeP99 wallTimeP99 } }
                    previous: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%s", datetime_lt: "%s"}) {
                      dimensions { scriptName } sum { requests errors } }
                    load: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%s", datetime_lt: "%s"}, orderBy: [datetimeMinute_ASC]) {
                      dimensions { datetimeMinute } sum { requests errors } }
                } } }""".formatted(account, now.minus(Duration.ofMinutes(15)), now, now.minus(Duration.ofMinutes(30)),
                now.minus(Duration.ofMinutes(15)), now.minus(Duration.ofMinutes(15)), now);
    }

    @Test
    void answersInGraphqlShapeNotTheEnvelope() {
        TestClient.Reply r = post(overview(DemoWorld.PRODUCTION.id()));
        assertThat(r.status()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.has("success")).isFalse();
        assertThat(json.get("errors").isNull()).as(r.body()).isTrue();
        JsonNode account = json.get("data").get("viewer").get("accounts").get(0);
        assertThat(account.get("current").size()).isEqualTo(emu.workerDirectory().scriptNames(DemoWorld.PRODUCTION.id()).size()
                - quietWorkers());
        assertThat(account.get("load").size()).isBetween(14, 15);
        assertThat(emu.stats().snapshot().count("POST /graphql")).isEqualTo(1);
    }

    /** Workers with no invocation in the last 15 minutes have no row (legacy-cron goes quiet). */
    private int quietWorkers() {
        return (int) emu.workerDirectory().scriptNames(DemoWorld.PRODUCTION.id()).stream()
                .filter(s -> emu.traffic().bucket(DemoWorld.PRODUCTION.id(), s, clock.instant().minus(Duration.ofMinutes(15)),
                        clock.instant()).requests() == 0)
                .count();
    }

    @Test
    void theDemoIncidentsShowInTheAnalytics() {
        String account = DemoWorld.PRODUCTION.id();
        List<String> names = emu.workerDirectory().scriptNames(account);
        assumeTrue(names.contains("payments-webhook") && names.contains("legacy-cron"), "demo Workers seeded");
        JsonNode rows = post(overview(account)).json().get("data").get("viewer").get("accounts").get(0).get("current");
        boolean cronSeen = false;
        for (JsonNode row : rows) {
            String name = row.get("dimensions").get("scriptName").asText();
            cronSeen |= name.equals("legacy-cron");
            if (name.equals("payments-webhook")) {
                double ratio = row.get("sum").get("errors").asDouble() / row.get("sum").get("requests").asDouble();
                assertThat(ratio).isBetween(0.2, 0.3);
            }
        }
        assertThat(cronSeen).as("legacy-cron is quiet").isFalse();
    }

    double cpuP99(String account, Instant from, Instant to) {
        JsonNode rows = post("""
                { viewer { accounts(filter: {accountTag: "%s"}) {
                    workersInvocationsAdaptive(limit: 10, filter: {datetime_geq: "%s", datetime_lt: "%s", scriptName: "checkout-api"}) {
                      quantiles { cpuTimeP99 } } } } }""".formatted(account, from, to))
                .json().get("data").get("viewer").get("accounts").get(0).get("workersInvocationsAdaptive");
        return rows.get(0).get("quantiles").get("cpuTimeP99").asDouble();
    }

    @Test
    void checkoutApisRegressionFollowsItsDeploymentAndARollbackOverRestEndsIt() {
        String account = DemoWorld.PRODUCTION.id();
        List<dev.flareobserver.emulator.workers.DeploymentEvent> deployments =
                emu.workerDirectory().deployments(account, "checkout-api");
        assumeTrue(deployments.size() >= 2, "demo Workers seeded");
        dev.flareobserver.emulator.workers.DeploymentEvent regressing = deployments.get(deployments.size() - 1);
        assumeTrue(regressing.versions().stream().anyMatch(v -> v.annotations().containsKey(
                dev.flareobserver.emulator.traffic.Incidents.CPU_REGRESSION_ANNOTATION)), "the regressing deployment is the latest");
        String previousVersion = deployments.get(deployments.size() - 2).versions().get(0).versionId();
        Instant at = regressing.at();
        double before = cpuP99(account, at.minus(Duration.ofHours(2)), at.minusSeconds(60));
        double after = cpuP99(account, at.plusSeconds(60), clock.instant());
        assertThat(after / before).isGreaterThan(2);

        String rollback = "{\"strategy\":\"percentage\",\"versions\":[{\"version_id\":\"" + previousVersion
                + "\",\"percentage\":100}]}";
        TestClient.Reply r = client.send("POST", "/accounts/" + account + "/workers/scripts/checkout-api/deployments",
                "Bearer " + emu.userToken(), rollback, "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Instant rolledBack = clock.instant();
        clock.advance(Duration.ofMinutes(20));
        double afterRollback = cpuP99(account, rolledBack.plusSeconds(60), clock.instant());
        assertThat(afterRollback / before).isBetween(0.8, 1.25);
    }

    @Test
    void graphqlHasItsOwnBudgetOf300PerFiveMinutesAndDoesNotSpendRest() {
        String tiny = "{ viewer { accounts(filter: {accountTag: \"" + DemoWorld.PRODUCTION.id()
                + "\"}) { settings { workersInvocationsAdaptive { enabled } } } } }";
        for (int i = 0; i < 300; i++) {
            assertThat(post(tiny).status()).isEqualTo(200);
        }
        TestClient.Reply limited = post(tiny);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        JsonNode e = limited.json().get("errors").get(0);
        assertThat(e.get("message").asText()).isEqualTo("rate limiter budget depleted, try again after 5 minutes");
        assertThat(limited.json().get("data").isNull()).isTrue();

        // REST is untouched: its first request of the window still has 4 of 5 left.
        assertThat(client.get("/user").header("Ratelimit")).startsWith("\"default\";r=4;");

        clock.advance(Duration.ofMinutes(5));
        assertThat(post(tiny).status()).isEqualTo(200);
    }

    @Test
    void authAndMethodAreThePipelines() {
        String body = "{\"query\":\"{ viewer { accounts(filter: {accountTag: \\\"x\\\"}) { settings { workersInvocationsAdaptive { enabled } } } } }\"}";
        TestClient.Reply anonymous = client.send("POST", "/graphql", null, body, "Content-Type", "application/json");
        assertThat(anonymous.status()).isIn(400, 401, 403);
        assertThat(client.get("/graphql").status()).isEqualTo(405);
        TestClient.Reply notJson = client.send("POST", "/graphql", "Bearer " + emu.userToken(), "{nope", "Content-Type", "application/json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("errors").get(0).get("message").asText()).startsWith("error parsing");
    }

    @Test
    void anAccountTheTokenCannotSeeIsRefused() {
        TestClient.Reply r = post("{ viewer { accounts(filter: {accountTag: \"0123456789abcdef0123456789abcdef\"}) { settings { workersInvocationsAdaptive { enabled } } } } }");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("not authorized for that account");
    }
}
