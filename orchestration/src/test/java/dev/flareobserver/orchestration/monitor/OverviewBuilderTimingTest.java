package dev.flareobserver.orchestration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.analytics.WorkersInvocationsRow;
import dev.flareobserver.api.workers.WorkerScript;
import dev.flareobserver.transport.CloudflareJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A quick measurement, not a benchmark: response bytes to snapshot for 1000 Workers. */
class OverviewBuilderTimingTest {

    private static final Logger LOG = LoggerFactory.getLogger(OverviewBuilderTimingTest.class);

    @Test
    void responseToSnapshotFor1000Workers() throws Exception {
        Instant now = Instant.parse("2026-01-08T10:15:00Z");
        StringBuilder current = new StringBuilder();
        StringBuilder previous = new StringBuilder();
        List<WorkerScript> scripts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String name = String.format("worker-%04d", i);
            current.append(i == 0 ? "" : ",").append("{\"dimensions\":{\"scriptName\":\"").append(name)
                    .append("\"},\"sum\":{\"requests\":").append(1000 + i).append(",\"errors\":").append(i % 7)
                    .append(",\"subrequests\":").append(i).append("},\"quantiles\":{\"cpuTimeP50\":").append(800 + i)
                    .append(",\"cpuTimeP99\":").append(4000 + i).append(",\"wallTimeP99\":").append(30000 + i).append("}}");
            previous.append(i == 0 ? "" : ",").append("{\"dimensions\":{\"scriptName\":\"").append(name)
                    .append("\"},\"sum\":{\"requests\":").append(4000 + i).append(",\"errors\":").append(i % 5).append("}}");
            scripts.add(new WorkerScript(name, null, null, now.minusSeconds(i * 60L), List.of("fetch"), null, null,
                    null, null, null));
        }
        StringBuilder load = new StringBuilder();
        for (int m = 0; m < 60; m++) {
            load.append(m == 0 ? "" : ",").append("{\"dimensions\":{\"datetimeMinute\":\"")
                    .append(now.minus(Duration.ofMinutes(60 - m)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    .append("\"},\"sum\":{\"requests\":1000,\"errors\":3}}");
        }
        byte[] body = ("{\"current\":[" + current + "],\"previous\":[" + previous + "],\"load\":[" + load
                + "],\"total\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ObjectMapper mapper = CloudflareJson.newObjectMapper();
        TypeReference<Map<String, List<WorkersInvocationsRow>>> type = new TypeReference<>() { };

        long best = Long.MAX_VALUE;
        AccountSnapshot snapshot = null;
        for (int run = 0; run < 30; run++) {
            long start = System.nanoTime();
            Map<String, List<WorkersInvocationsRow>> rows = mapper.readValue(body, type);
            snapshot = OverviewBuilder.build(new OverviewBuilder.Input(now, TimeWindow.H1, Duration.ofMinutes(15),
                    Duration.ofHours(1), now.minus(Duration.ofHours(1)), now, rows.get("current"), rows.get("previous"),
                    rows.get("load"), rows.get("total"), scripts, HealthThresholds.defaults()));
            best = Math.min(best, System.nanoTime() - start);
        }
        double ms = best / 1e6;
        LOG.info("Response-to-snapshot for 1000 Workers ({} KiB): {} ms (best of 30, JSON binding included)",
                body.length / 1024, String.format("%.2f", ms));
        System.out.printf("TIMING overview snapshot, 1000 Workers: %.2f ms (best of 30)%n", ms);
        assertThat(snapshot.workers()).hasSize(1000);
    }
}
