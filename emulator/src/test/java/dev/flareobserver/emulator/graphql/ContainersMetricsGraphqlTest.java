package dev.flareobserver.emulator.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.containers.InstanceSample;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.traffic.FakeWorkerDirectory;
import dev.flareobserver.emulator.traffic.TestClocks;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code containersMetricsAdaptiveGroups} over known samples: grouping by the documented dimensions, the aggregates,
 * the docs' example query, and the same account / limit / time-range rules as the Workers dataset.
 */
class ContainersMetricsGraphqlTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-03-02T10:30:00Z");
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    /** Two instances of one application, one sample a second for two minutes; B uses twice A's memory and CPU. */
    static List<InstanceSample> samples() {
        List<InstanceSample> out = new ArrayList<>();
        for (int s = 0; s < 120; s++) {
            Instant t = NOW.minusSeconds(120 - s);
            for (String id : List.of(A, B)) {
                int k = id.equals(A) ? 1 : 2;
                out.add(new InstanceSample(ACCOUNT, "app-1", id, "Frankfurt", "WEUR", Map.of("env", k == 1 ? "prod" : "dev"),
                        t, 1.0, 0.01 * k, 0.16 * k, (1_000_000L + s) * k, 800_000, 100L * k, 200L * k, s + 1, 0.0625,
                        256L << 20, 2_000_000_000L));
            }
        }
        return out;
    }

    final GraphqlEndpoint endpoint = new GraphqlEndpoint(
            new TrafficSimulator(new FakeWorkerDirectory(), new TestClocks(NOW), NOW),
            (account, from, to) -> samples().stream().filter(s -> s.accountId().equals(account)
                    && !s.time().isBefore(from) && s.time().isBefore(to)).toList(),
            new TestClocks(NOW), (p, a) -> true);

    JsonNode run(String query) {
        return run(query, Map.of());
    }

    JsonNode run(String query, Map<String, Object> variables) {
        Response r = endpoint.execute(query, variables, null, ACCOUNT::equals);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String query(String args, String selection) {
        return "{ viewer { accounts(filter: {accountTag: \"" + ACCOUNT + "\"}) { containersMetricsAdaptiveGroups("
                + args + ") { " + selection + " } } } }";
    }

    String range(Duration back) {
        return "filter: {datetime_geq: \"" + NOW.minus(back) + "\", datetime_leq: \"" + NOW + "\"}";
    }

    JsonNode rows(JsonNode answer) {
        assertThat(answer.get("errors").isNull()).as("errors: %s", answer.get("errors")).isTrue();
        return answer.at("/data/viewer/accounts/0/containersMetricsAdaptiveGroups");
    }

    @Test
    void theDocsExampleGroupsPerInstanceAndHour() {
        JsonNode rows = rows(run("""
                query ContainersMetrics($accountTag: String, $datetimeStart: Time, $datetimeEnd: Time, $instanceId: String) {
                  viewer { accounts(filter: {accountTag: $accountTag}) {
                    containersMetricsAdaptiveGroups(limit: 100,
                      filter: { datetime_geq: $datetimeStart, datetime_leq: $datetimeEnd, instanceId: $instanceId },
                      orderBy: [datetimeHour_ASC]) {
                      dimensions { datetimeHour instanceId }
                      sum { cpuTimeSec }  max { memory }  quantiles { cpuUtilizationP95 memoryP95 }
                    }
                  } }
                }""", Map.of("accountTag", ACCOUNT, "datetimeStart", NOW.minusSeconds(3600).toString(),
                "datetimeEnd", NOW.toString(), "instanceId", B)));
        assertThat(rows).hasSize(1);
        JsonNode r = rows.get(0);
        assertThat(r.at("/dimensions/instanceId").asText()).isEqualTo(B);
        assertThat(r.at("/dimensions/datetimeHour").asText()).isEqualTo("2026-03-02T10:00:00Z");
        assertThat(r.at("/sum/cpuTimeSec").asDouble()).isCloseTo(120 * 0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.at("/max/memory").asLong()).isEqualTo(2 * (1_000_000L + 119));
        assertThat(r.at("/quantiles/cpuUtilizationP95").asDouble()).isEqualTo(0.32);
        assertThat(r.at("/quantiles/memoryP95").asLong()).isEqualTo(2 * (1_000_000L + 113));
    }

    @Test
    void groupsByMinuteAndLabelAndOrdersByAnAggregate() {
        JsonNode rows = rows(run(query("limit: 10, " + range(Duration.ofMinutes(5)).replace("}",
                        ", labels_has: \"env=dev\"}") + ", orderBy: [datetimeMinute_DESC]",
                "count dimensions { datetimeMinute label(name: \"env\") } avg { memory containerUptime } "
                        + "sum { rxBytes allocatedCpu containerUptime }")));
        assertThat(rows).hasSize(2);
        assertThat(rows.at("/0/dimensions/datetimeMinute").asText()).isEqualTo("2026-03-02T10:29:00Z");
        assertThat(rows.at("/0/dimensions/label").asText()).isEqualTo("dev");
        assertThat(rows.at("/0/count").asInt()).as("B's 60 samples of that minute").isEqualTo(60);
        assertThat(rows.at("/0/sum/rxBytes").asLong()).isEqualTo(60 * 200);
        assertThat(rows.at("/0/sum/containerUptime").asDouble()).isEqualTo(60.0);
        assertThat(rows.at("/0/sum/allocatedCpu").asDouble()).isEqualTo(60 * 0.0625);

        JsonNode byMemory = rows(run(query("limit: 1, " + range(Duration.ofMinutes(5)) + ", orderBy: [max_memory_DESC]",
                "dimensions { instanceId } max { memory }")));
        assertThat(byMemory).hasSize(1);
        assertThat(byMemory.at("/0/dimensions/instanceId").asText()).isEqualTo(B);
    }

    @Test
    void theWorkersDatasetRulesApply() {
        JsonNode noLimit = run(query(range(Duration.ofMinutes(5)), "count"));
        assertThat(noLimit.at("/errors/0/message").asText())
                .isEqualTo("limit must be positive number and not greater than 10000");
        assertThat(noLimit.at("/errors/0/path").toString())
                .isEqualTo("[\"viewer\",\"accounts\",\"0\",\"containersMetricsAdaptiveGroups\"]");
        assertThat(run(query("limit: 10", "count")).at("/errors/0/message").asText())
                .startsWith("query time range is too large: the filter needs a lower time bound");
        assertThat(run(query("limit: 10, " + range(Duration.ofDays(8)), "count")).at("/errors/0/message").asText())
                .startsWith("query time range is too large: 691200s requested");
        assertThat(run(query("limit: 10, filter: {datetime_geq: \"" + NOW.minus(Duration.ofDays(40))
                + "\", datetime_leq: \"" + NOW.minus(Duration.ofDays(39)) + "\"}", "count")).at("/errors/0/message").asText())
                .isEqualTo("cannot request data older than 2678400s");
        assertThat(run(query("limit: 10, " + range(Duration.ofMinutes(5)), "sum { cpuTime }")).at("/errors/0/message")
                .asText()).isEqualTo("unknown field \"cpuTime\" on type \"AccountContainersMetricsAdaptiveGroupsSum\"");
        JsonNode other = run(query("limit: 10, " + range(Duration.ofMinutes(5)), "count")
                .replace(ACCOUNT, "fedcba9876543210fedcba9876543210"));
        assertThat(other.at("/errors/0/message").asText()).isEqualTo("not authorized for that account");
    }
}
