package dev.flareobserver.emulator.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.traffic.FakeWorkerDirectory;
import dev.flareobserver.emulator.traffic.Incidents;
import dev.flareobserver.emulator.traffic.TestClocks;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.flareobserver.emulator.traffic.FakeWorkerDirectory.ACCOUNT;
import static dev.flareobserver.emulator.traffic.FakeWorkerDirectory.share;
import static org.assertj.core.api.Assertions.assertThat;

/** The analytics schema and its limits, executed in-process over a hand-shaped Workers directory. */
class GraphqlQueryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-03-10T15:07:30Z");
    static final String OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";

    final TestClocks clock = new TestClocks(START.plus(Duration.ofMinutes(3)));
    final FakeWorkerDirectory directory = new FakeWorkerDirectory()
            .worker(ACCOUNT, "api-gateway", START.minus(Duration.ofDays(9)))
            .worker(ACCOUNT, "checkout-api", START.minus(Duration.ofDays(9)))
            .worker(ACCOUNT, "payments-webhook", START.minus(Duration.ofDays(9)))
            .worker(ACCOUNT, "legacy-cron", START.minus(Duration.ofDays(9)))
            .worker(ACCOUNT, "image-resizer", START.minus(Duration.ofDays(9)));
    final GraphqlEndpoint endpoint = new GraphqlEndpoint(new TrafficSimulator(directory, clock, START), clock, (p, a) -> true);

    JsonNode run(String query, Map<String, Object> variables) {
        Response r = endpoint.execute(query, variables, null, ACCOUNT::equals);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode rows(JsonNode answer, String alias) {
        assertThat(answer.get("errors").isNull()).as("errors: %s", answer.get("errors")).isTrue();
        return answer.get("data").get("viewer").get("accounts").get(0).get(alias);
    }

    static String iso(Instant t) {
        return t.toString();
    }

    Instant now() {
        return clock.instant();
    }

    @Test
    void theDocsTutorialQueryReturnsRowsShapedLikeTheDocsExample() {
        String tutorial = """
                query GetWorkersAnalytics($accountTag: string, $datetimeStart: string, $datetimeEnd: string, $scriptName: string) {
                  viewer {
                    accounts(filter: {accountTag: $accountTag}) {
                      workersInvocationsAdaptive(limit: 100, filter: {
                        scriptName: $scriptName,
                        datetime_geq: $datetimeStart,
                        datetime_leq: $datetimeEnd
                      }) {
                        sum { subrequests requests errors }
                        quantiles { cpuTimeP50 cpuTimeP99 }
                        dimensions { datetime scriptName status }
                      }
                    }
                  }
                }""";
        JsonNode answer = run(tutorial, Map.of("accountTag", ACCOUNT, "datetimeStart", "2026-03-10T10:00:00.000Z",
                "datetimeEnd", "2026-03-10T10:05:00.000Z", "scriptName", "api-gateway"));
        JsonNode rows = rows(answer, "workersInvocationsAdaptive");
        assertThat(answer.has("errors")).isTrue();
        assertThat(rows.size()).isBetween(6, 30); // 6 minutes x a few statuses
        JsonNode first = rows.get(0);
        assertThat(first.get("dimensions").get("datetime").asText()).isEqualTo("2026-03-10T10:00:00Z");
        assertThat(first.get("dimensions").get("scriptName").asText()).isEqualTo("api-gateway");
        assertThat(first.get("dimensions").get("status").asText()).isIn("success", "clientDisconnected",
                "scriptThrewException", "exceededResources", "internalError");
        assertThat(first.get("sum").get("requests").isIntegralNumber()).isTrue();
        assertThat(first.get("quantiles").get("cpuTimeP50").isNumber()).isTrue();
        assertThat(first.get("quantiles").get("cpuTimeP99").asDouble())
                .isGreaterThanOrEqualTo(first.get("quantiles").get("cpuTimeP50").asDouble());
    }

    @Test
    void theLablabsExporterQueryReturnsEveryWorkerOfTheMinute() {
        String lablabs = """
                query ($accountID: String!, $mintime: Time!, $maxtime: Time!, $limit: Int!) {
                  viewer {
                    accounts(filter: {accountTag: $accountID} ) {
                      workersInvocationsAdaptive(limit: $limit, filter: { datetime_geq: $mintime, datetime_lt: $maxtime}) {
                        dimensions { scriptName status datetime }
                        sum { requests errors duration }
                        quantiles { cpuTimeP50 cpuTimeP75 cpuTimeP99 cpuTimeP999 durationP50 durationP75 durationP99 durationP999 }
                      }
                    }
                  }
                }""";
        JsonNode rows = rows(run(lablabs, Map.of("accountID", ACCOUNT, "mintime", "2026-03-10T14:00:00Z",
                "maxtime", "2026-03-10T14:01:00Z", "limit", 9999)), "workersInvocationsAdaptive");
        Set<String> scripts = new HashSet<>();
        for (JsonNode row : rows) {
            scripts.add(row.get("dimensions").get("scriptName").asText());
            assertThat(row.get("dimensions").get("datetime").asText()).isEqualTo("2026-03-10T14:00:00Z");
            assertThat(row.get("sum").get("duration").asDouble()).isPositive();
            assertThat(row.get("quantiles").get("durationP999").asDouble())
                    .isGreaterThanOrEqualTo(row.get("quantiles").get("durationP50").asDouble());
        }
        assertThat(scripts).contains("api-gateway", "checkout-api", "image-resizer", "payments-webhook", "legacy-cron");
    }

    @Test
    void rowsAreGroupsOfTheSelectedDimensionsAndTimesTruncateToTheirGrain() {
        Instant from = Instant.parse("2026-03-09T00:00:00Z");
        String q = """
                query ($a: String!, $from: Time!, $to: Time!) { viewer { accounts(filter: {accountTag: $a}) {
                  byHour: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: $from, datetime_lt: $to, scriptName: "api-gateway"},
                                                     orderBy: [datetimeHour_ASC]) {
                    dimensions { datetimeHour } sum { requests } }
                  byQuarter: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: $from, datetime_lt: $to, scriptName: "api-gateway"}) {
                    dimensions { datetimeFifteenMinutes } sum { requests } }
                  byDay: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: $from, datetime_lt: $to, scriptName: "api-gateway"}) {
                    dimensions { date } sum { requests } }
                  byScriptAndStatus: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: $from, datetime_lt: $to}) {
                    dimensions { scriptName status } sum { requests errors } }
                } } }""";
        JsonNode answer = run(q, Map.of("a", ACCOUNT, "from", iso(from), "to", iso(from.plus(Duration.ofDays(1)))));
        JsonNode hours = rows(answer, "byHour");
        JsonNode quarters = rows(answer, "byQuarter");
        JsonNode days = rows(answer, "byDay");
        assertThat(hours).hasSize(24);
        assertThat(quarters).hasSize(96);
        assertThat(days).hasSize(1);
        assertThat(hours.get(1).get("dimensions").get("datetimeHour").asText()).isEqualTo("2026-03-09T01:00:00Z");
        assertThat(quarters.get(5).get("dimensions").get("datetimeFifteenMinutes").asText()).isEqualTo("2026-03-09T01:15:00Z");
        assertThat(days.get(0).get("dimensions").get("date").asText()).isEqualTo("2026-03-09");
        long hourSum = sum(hours, "requests");
        assertThat(sum(quarters, "requests")).isEqualTo(hourSum);
        assertThat(days.get(0).get("sum").get("requests").asLong()).isEqualTo(hourSum);

        JsonNode groups = rows(answer, "byScriptAndStatus");
        Set<String> keys = new HashSet<>();
        for (JsonNode g : groups) {
            assertThat(keys.add(g.get("dimensions").get("scriptName").asText() + "/" + g.get("dimensions").get("status").asText()))
                    .as("each (scriptName, status) once").isTrue();
            boolean error = Set.of("scriptThrewException", "exceededResources", "internalError")
                    .contains(g.get("dimensions").get("status").asText());
            assertThat(g.get("sum").get("errors").asLong()).isEqualTo(error ? g.get("sum").get("requests").asLong() : 0);
        }
        assertThat(keys).contains("api-gateway/success", "checkout-api/success");
        long gatewayAll = 0;
        for (JsonNode g : groups) {
            if (g.get("dimensions").get("scriptName").asText().equals("api-gateway")) {
                gatewayAll += g.get("sum").get("requests").asLong();
            }
        }
        assertThat(gatewayAll).isEqualTo(hourSum);
    }

    @Test
    void ordersByAggregatesAndCutsAtTheLimit() {
        String q = """
                query ($a: String!, $from: Time!, $to: Time!) { viewer { accounts(filter: {accountTag: $a}) {
                  top: workersInvocationsAdaptive(limit: 2, filter: {datetime_geq: $from, datetime_leq: $to}, orderBy: [sum_requests_DESC]) {
                    dimensions { scriptName } sum { requests } }
                  all: workersInvocationsAdaptive(limit: 100, filter: {datetime_geq: $from, datetime_leq: $to}, orderBy: [sum_requests_DESC]) {
                    dimensions { scriptName } sum { requests } }
                } } }""";
        JsonNode answer = run(q, Map.of("a", ACCOUNT, "from", iso(now().minus(Duration.ofHours(1))), "to", iso(now())));
        JsonNode top = rows(answer, "top");
        JsonNode all = rows(answer, "all");
        assertThat(top).hasSize(2);
        assertThat(all.size()).isGreaterThan(2);
        List<Long> requests = new ArrayList<>();
        all.forEach(r -> requests.add(r.get("sum").get("requests").asLong()));
        assertThat(requests).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(top.get(0)).isEqualTo(all.get(0));
    }

    @Test
    void filtersSelectScriptsStatusesAndDates() {
        String q = """
                query ($a: String!) { viewer { accounts(filter: {accountTag: $a}) {
                  two: workersInvocationsAdaptive(limit: 100, filter: {date: "2026-03-09", scriptName_in: ["api-gateway", "legacy-cron"]}) {
                    dimensions { scriptName } sum { requests } }
                  failures: workersInvocationsAdaptive(limit: 100, filter: {date_geq: "2026-03-09", date_leq: "2026-03-09",
                      AND: [{scriptName: "api-gateway"}], status_in: ["scriptThrewException", "internalError"]}) {
                    dimensions { status } sum { requests errors } }
                  either: workersInvocationsAdaptive(limit: 100, filter: {date: "2026-03-09",
                      OR: [{scriptName: "api-gateway", status: "success"}, {scriptName: "legacy-cron"}]}) {
                    dimensions { scriptName status } sum { requests } }
                } } }""";
        JsonNode answer = run(q, Map.of("a", ACCOUNT));
        JsonNode two = rows(answer, "two");
        assertThat(two).hasSize(2);
        two.forEach(r -> assertThat(r.get("dimensions").get("scriptName").asText()).isIn("api-gateway", "legacy-cron"));
        JsonNode failures = rows(answer, "failures");
        assertThat(failures.size()).isBetween(1, 2);
        failures.forEach(r -> {
            assertThat(r.get("dimensions").get("status").asText()).isIn("scriptThrewException", "internalError");
            assertThat(r.get("sum").get("errors").asLong()).isEqualTo(r.get("sum").get("requests").asLong());
        });
        JsonNode either = rows(answer, "either");
        either.forEach(r -> {
            String s = r.get("dimensions").get("scriptName").asText();
            assertThat(s).isIn("api-gateway", "legacy-cron");
            if (s.equals("api-gateway")) {
                assertThat(r.get("dimensions").get("status").asText()).isEqualTo("success");
            }
        });
        assertThat(either.size()).isGreaterThan(1);
    }

    @Test
    void theSettingsNodeReportsTheLimits() {
        JsonNode answer = run("""
                { viewer { accounts(filter: {accountTag: "%s"}) { settings { workersInvocationsAdaptive {
                  enabled availableFields maxPageSize maxNumberOfFields notOlderThan maxDuration } } } } }""".formatted(ACCOUNT), Map.of());
        JsonNode s = rows(answer, "settings").get("workersInvocationsAdaptive");
        assertThat(s.get("enabled").asBoolean()).isTrue();
        assertThat(s.get("maxPageSize").asLong()).isEqualTo(10_000);
        assertThat(s.get("maxDuration").asLong()).isEqualTo(604_800);
        assertThat(s.get("notOlderThan").asLong()).isEqualTo(2_678_400);
        assertThat(s.get("availableFields").toString()).contains("dimensions.scriptName", "quantiles.cpuTimeP99");
    }

    // ---- limits and errors ----

    JsonNode error(String query) {
        JsonNode answer = run(query, Map.of());
        assertThat(answer.get("errors").isArray()).as("an error for %s", query).isTrue();
        JsonNode e = answer.get("errors").get(0);
        assertThat(e.get("extensions").get("timestamp").asText()).isEqualTo(now().toString());
        return e;
    }

    String dataset(String args, String body) {
        return "{ viewer { accounts(filter: {accountTag: \"" + ACCOUNT + "\"}) { workersInvocationsAdaptive(" + args + ") { "
                + body + " } } } }";
    }

    String range(Instant from, Instant to) {
        return "filter: {datetime_geq: \"" + from + "\", datetime_leq: \"" + to + "\"}";
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        JsonNode e = error(dataset("limit: 10, " + range(now().minusSeconds(600), now()), "sum { cpuTimeUs }"));
        assertThat(e.get("message").asText()).startsWith("unknown field")
                .contains("cpuTimeUs", "AccountWorkersInvocationsAdaptiveSum");
        assertThat(e.get("path").toString()).contains("viewer", "workersInvocationsAdaptive", "sum");
        JsonNode filter = error(dataset("limit: 10, filter: {datetime_geq: \"" + now().minusSeconds(60) + "\", colo: \"AMS\"}",
                "sum { requests }"));
        assertThat(filter.get("message").asText()).startsWith("unknown field").contains("colo");
    }

    @Test
    void limitMustBeOneToTenThousand() {
        for (String limit : List.of("limit: 0, ", "limit: 10001, ", "")) {
            JsonNode e = error(dataset(limit + range(now().minusSeconds(600), now()), "sum { requests }"));
            assertThat(e.get("message").asText()).isEqualTo("limit must be positive number and not greater than 10000");
            assertThat(e.get("path").toString()).isEqualTo("[\"viewer\",\"accounts\",\"0\",\"workersInvocationsAdaptive\"]");
        }
    }

    @Test
    void timeRangesAreAtMostSevenDaysAndNotOlderThanThirtyOneDays() {
        assertThat(error(dataset("limit: 10, " + range(now().minus(Duration.ofDays(7)).minusSeconds(60), now()),
                "sum { requests }")).get("message").asText()).startsWith("query time range is too large");
        assertThat(error(dataset("limit: 10, " + range(now().minus(Duration.ofDays(32)), now().minus(Duration.ofDays(30))),
                "sum { requests }")).get("message").asText()).isEqualTo("cannot request data older than 2678400s");
        assertThat(error(dataset("limit: 10", "sum { requests }")).get("message").asText())
                .startsWith("query time range is too large");
        // Exactly seven days is fine.
        JsonNode ok = run(dataset("limit: 10, " + range(now().minus(Duration.ofDays(7)), now()), "sum { requests }"), Map.of());
        assertThat(ok.get("errors").isNull()).isTrue();
    }

    @Test
    void exactlyOneVisibleAccountPerQuery() {
        assertThat(error("{ viewer { accounts(filter: {accountTag_in: [\"" + ACCOUNT + "\", \"" + OTHER_ACCOUNT
                + "\"]}) { settings { workersInvocationsAdaptive { enabled } } } } }").get("message").asText())
                .contains("too many nodes, zones and accounts");
        assertThat(error("{ a: viewer { accounts(filter: {accountTag: \"" + ACCOUNT + "\"}) { settings { workersInvocationsAdaptive { enabled } } } }"
                + " b: viewer { accounts(filter: {accountTag: \"" + OTHER_ACCOUNT + "\"}) { settings { workersInvocationsAdaptive { enabled } } } } }")
                .get("message").asText()).contains("too many nodes, zones and accounts");
        assertThat(error("{ viewer { accounts(filter: {accountTag: \"" + OTHER_ACCOUNT
                + "\"}) { settings { workersInvocationsAdaptive { enabled } } } } }").get("message").asText())
                .isEqualTo("not authorized for that account");
    }

    @Test
    void badTimesAreArgumentErrors() {
        assertThat(error(dataset("limit: 10, filter: {datetime_geq: \"yesterday\"}", "sum { requests }"))
                .get("message").asText()).startsWith("error parsing args");
    }

    // ---- incidents, as a client sees them ----

    String window(Instant from, Instant to, String script) {
        return dataset("limit: 100, filter: {datetime_geq: \"" + from + "\", datetime_lt: \"" + to + "\", scriptName: \"" + script + "\"}",
                "dimensions { scriptName } sum { requests errors } quantiles { cpuTimeP50 cpuTimeP99 }");
    }

    JsonNode single(Instant from, Instant to, String script) {
        JsonNode rows = rows(run(window(from, to, script), Map.of()), "workersInvocationsAdaptive");
        return rows.size() == 0 ? null : rows.get(0);
    }

    @Test
    void theErrorSpikeTheQuietWorkerAndTheirHistory() {
        Instant end = now();
        JsonNode spike = single(end.minus(Duration.ofMinutes(15)), end, "payments-webhook");
        JsonNode earlier = single(end.minus(Duration.ofHours(2)), end.minus(Duration.ofMinutes(45)), "payments-webhook");
        double spikeRatio = spike.get("sum").get("errors").asDouble() / spike.get("sum").get("requests").asDouble();
        double earlierRatio = earlier.get("sum").get("errors").asDouble() / earlier.get("sum").get("requests").asDouble();
        assertThat(spikeRatio).isBetween(0.2, 0.3);
        assertThat(earlierRatio).isLessThan(0.03);

        assertThat(single(end.minus(Duration.ofMinutes(15)), end, "legacy-cron")).as("no rows: no invocations").isNull();
        assertThat(single(end.minus(Duration.ofHours(3)), end.minus(Duration.ofHours(1)), "legacy-cron")).isNotNull();
    }

    @Test
    void theCpuRegressionStartsWithItsDeploymentFollowsTheSplitAndEndsWithTheRollback() {
        Instant deploy = START.minus(Duration.ofHours(3));
        Instant split = START.minus(Duration.ofHours(2));
        directory.deploy(ACCOUNT, "checkout-api", deploy,
                share("checkout-api-v2", 2, 100, Map.of("workers/message", "Switch to new pricing engine",
                        Incidents.CPU_REGRESSION_ANNOTATION, "3.0")));
        directory.deploy(ACCOUNT, "checkout-api", split, share("checkout-api-v1", 1, 50, Map.of()),
                share("checkout-api-v2", 2, 50, Map.of(Incidents.CPU_REGRESSION_ANNOTATION, "3.0")));
        double before = p99(deploy.minus(Duration.ofMinutes(60)), deploy);
        double during = p99(deploy.plus(Duration.ofMinutes(1)), split);
        double halfway = p99(split.plus(Duration.ofMinutes(1)), START);
        assertThat(during / before).isBetween(2.5, 3.5);
        assertThat(halfway).isBetween(before * 1.2, during * 0.99);

        // Roll back to v1 "now" (the clock moves on; history before the rollback stays as it was).
        Instant rollback = now();
        directory.deploy(ACCOUNT, "checkout-api", rollback, share("checkout-api-v1", 1, 100, Map.of()));
        clock.advance(Duration.ofMinutes(30));
        double after = p99(rollback.plus(Duration.ofMinutes(1)), now());
        assertThat(after / before).isBetween(0.85, 1.15);
        assertThat(p99(deploy.plus(Duration.ofMinutes(1)), split)).isEqualTo(during);

        // By version: the regressing version is the slow one.
        JsonNode byVersion = rows(run(dataset("limit: 10, filter: {datetime_geq: \"" + split.plus(Duration.ofMinutes(1))
                + "\", datetime_lt: \"" + START + "\", scriptName: \"checkout-api\"}, orderBy: [quantiles_cpuTimeP99_DESC]",
                "dimensions { scriptVersion } quantiles { cpuTimeP99 }"), Map.of()), "workersInvocationsAdaptive");
        assertThat(byVersion).hasSize(2);
        assertThat(byVersion.get(0).get("dimensions").get("scriptVersion").asText()).isEqualTo("checkout-api-v2");
    }

    double p99(Instant from, Instant to) {
        return single(from, to, "checkout-api").get("quantiles").get("cpuTimeP99").asDouble();
    }

    static long sum(JsonNode rows, String field) {
        long s = 0;
        for (JsonNode r : rows) {
            s += r.get("sum").get(field).asLong();
        }
        return s;
    }
}
