package dev.flareobserver.orchestration.monitor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.analytics.WorkersInvocationsRow;
import dev.flareobserver.api.workers.WorkerScript;
import dev.flareobserver.transport.CloudflareJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Response to snapshot in orchestration for 1000 Workers: binding the GraphQL data of one overview
 * refresh (current, previous, load, total) and deriving the AccountSnapshot from it. Lives in the
 * monitor's package to reach its package-private builder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OverviewSnapshotBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-08T10:15:00Z");
    private static final TypeReference<Map<String, List<WorkersInvocationsRow>>> DATA = new TypeReference<>() { };

    private byte[] body;
    private List<WorkerScript> scripts;
    private ObjectMapper mapper;

    @Setup
    public void setUp() {
        StringBuilder current = new StringBuilder();
        StringBuilder previous = new StringBuilder();
        scripts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String name = String.format("worker-%04d", i);
            current.append(i == 0 ? "" : ",").append("{\"dimensions\":{\"scriptName\":\"").append(name)
                    .append("\"},\"sum\":{\"requests\":").append(1000 + i).append(",\"errors\":").append(i % 7)
                    .append(",\"subrequests\":").append(i).append("},\"quantiles\":{\"cpuTimeP50\":").append(800 + i)
                    .append(",\"cpuTimeP99\":").append(4000 + i).append(",\"wallTimeP99\":").append(30000 + i).append("}}");
            previous.append(i == 0 ? "" : ",").append("{\"dimensions\":{\"scriptName\":\"").append(name)
                    .append("\"},\"sum\":{\"requests\":").append(4000 + i).append(",\"errors\":").append(i % 5).append("}}");
            scripts.add(new WorkerScript(name, null, null, NOW.minusSeconds(i * 60L), List.of("fetch"), null, null,
                    null, null, null));
        }
        StringBuilder load = new StringBuilder();
        for (int m = 0; m < 60; m++) {
            load.append(m == 0 ? "" : ",").append("{\"dimensions\":{\"datetimeMinute\":\"")
                    .append(NOW.minus(Duration.ofMinutes(60 - m)).truncatedTo(ChronoUnit.MINUTES))
                    .append("\"},\"sum\":{\"requests\":1000,\"errors\":3}}");
        }
        body = ("{\"current\":[" + current + "],\"previous\":[" + previous + "],\"load\":[" + load
                + "],\"total\":[{\"sum\":{\"requests\":1500000},\"quantiles\":{\"cpuTimeP99\":4500}}]}")
                .getBytes(StandardCharsets.UTF_8);
        mapper = CloudflareJson.newObjectMapper();
    }

    @Benchmark
    public AccountSnapshot responseToSnapshot() throws Exception {
        Map<String, List<WorkersInvocationsRow>> rows = mapper.readValue(body, DATA);
        return OverviewBuilder.build(new OverviewBuilder.Input(NOW, TimeWindow.H1, Duration.ofMinutes(15),
                Duration.ofHours(1), NOW.minus(Duration.ofHours(1)), NOW, rows.get("current"), rows.get("previous"),
                rows.get("load"), rows.get("total"), scripts, HealthThresholds.defaults()));
    }
}
