package dev.flareobserver.emulator.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.traffic.FakeWorkerDirectory;
import dev.flareobserver.emulator.traffic.TestClocks;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static dev.flareobserver.emulator.traffic.FakeWorkerDirectory.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sanity of query cost as the account grows: timings are printed (machines vary), and only a
 * generous bound is asserted so a pathological slowdown still fails.
 */
class GraphqlPerformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queryTimesFor10To2000Workers() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestClocks clock = new TestClocks(now);
        StringBuilder report = new StringBuilder("GraphQL query timings (median of 5 warm runs, in-process):\n");
        for (int workers : new int[]{10, 100, 1000, 2000}) {
            FakeWorkerDirectory directory = FakeWorkerDirectory.generated(workers, now);
            GraphqlEndpoint endpoint = new GraphqlEndpoint(new TrafficSimulator(directory, clock, now), clock, (p, a) -> true);
            String week = """
                    { viewer { accounts(filter: {accountTag: "%s"}) {
                      workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%s", datetime_leq: "%s"}, orderBy: [datetimeHour_ASC]) {
                        dimensions { scriptName datetimeHour } sum { requests errors } } } } }"""
                    .formatted(ACCOUNT, now.minus(Duration.ofDays(7)), now);
            String recent = """
                    { viewer { accounts(filter: {accountTag: "%s"}) {
                      workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%s", datetime_leq: "%s"}) {
                        dimensions { scriptName } sum { requests errors subrequests } quantiles { cpuTimeP50 cpuTimeP99 wallTimeP99 } } } } }"""
                    .formatted(ACCOUNT, now.minus(Duration.ofMinutes(15)), now);
            String overview = """
                    { viewer { accounts(filter: {accountTag: "%1$s"}) {
                      current: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%2$s", datetime_leq: "%3$s"}) {
                        dimensions { scriptName } sum { requests errors subrequests } quantiles { cpuTimeP50 cpuTimeP99 wallTimeP99 } }
                      previous: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%4$s", datetime_lt: "%2$s"}) {
                        dimensions { scriptName } sum { requests errors } }
                      load: workersInvocationsAdaptive(limit: 10000, filter: {datetime_geq: "%5$s", datetime_leq: "%3$s"}) {
                        dimensions { datetimeHour } sum { requests errors } } } } }"""
                    .formatted(ACCOUNT, now.minus(Duration.ofMinutes(15)), now, now.minus(Duration.ofMinutes(30)),
                            now.minus(Duration.ofDays(7)));
            double weekMs = time(endpoint, week, Math.min(10_000, workers * 168), Math.min(10_000, workers * 169));
            double recentMs = time(endpoint, recent, workers, workers);
            double overviewMs = time(endpoint, overview, -1, -1);
            report.append(String.format(Locale.ROOT,
                    "  %4d Workers: 7 d by scriptName+datetimeHour %6.1f ms | 15 min by scriptName (+quantiles) %6.1f ms"
                            + " | overview (3 aliases) %6.1f ms%n", workers, weekMs, recentMs, overviewMs));
            if (workers == 1000) {
                assertThat(weekMs).isLessThan(5_000);
            }
            if (workers == 2000) {
                assertThat(recentMs).isLessThan(2_000);
            }
        }
        System.out.print(report);
    }

    private static double time(GraphqlEndpoint endpoint, String query, int minRows, int maxRows) throws IOException {
        double[] ms = new double[6];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Response r = endpoint.execute(query, Map.of(), null, a -> true);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            JsonNode json = JSON.readTree(r.body());
            assertThat(json.get("errors").isNull()).as(json.toString()).isTrue();
            if (minRows >= 0) {
                // A 7-day window that does not start on the hour has 169 hour groups.
                assertThat(json.get("data").get("viewer").get("accounts").get(0).get("workersInvocationsAdaptive").size())
                        .isBetween(minRows, maxRows);
            }
        }
        double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(warm);
        return warm[warm.length / 2];
    }
}
