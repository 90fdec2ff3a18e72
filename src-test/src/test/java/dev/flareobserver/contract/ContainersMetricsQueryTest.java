package dev.flareobserver.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.analytics.GraphQLResult;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.ContainersMetricsFields;
import dev.flareobserver.api.containers.ContainersMetricsFields.Aggregate;
import dev.flareobserver.api.containers.ContainersMetricsFields.Dimension;
import dev.flareobserver.api.containers.ContainersMetricsQuery;
import dev.flareobserver.api.containers.ContainersMetricsRow;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.Credentials;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.parser.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's {@code containersMetricsAdaptiveGroups} query against the emulator, which validates it against its
 * schema and answers from real samples of the demo pool's running flare-hello processes: every field the client
 * can select is one graphql-analytics.md lists for the dataset, the full query runs without errors, and the numbers
 * for hello-pool are believable (its instances, resident memory of a small static server, allocations of a lite
 * instance).
 */
class ContainersMetricsQueryTest {

    /** The query's skeleton, from the documented query shape. */
    private static final Set<String> STRUCTURE = Set.of("viewer", "accounts", "dimensions", "sum", "avg", "max",
            "quantiles", ContainersMetricsFields.DATASET);

    private static Emulator emulator;
    private static CloudflareClient client;
    private static String account;
    private static String app;
    private static List<ContainerInstanceV2> running;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        client = CloudflareClient.builder().baseUrl(emulator.baseUrl())
                .credentials(Credentials.token(emulator.userToken())).build();
        account = emulator.accounts().get(0).id();
        ContainerApplication pool = client.containers().applications()
                .listAll(account, ApplicationListParams.named("hello-pool")).stream().findFirst().orElseThrow();
        app = pool.id();
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        do {
            running = client.containers().applications().instances().listAllV2(account, app, InstanceListParams.all())
                    .stream().filter(i -> i.state() == InstanceState.RUNNING).toList();
        } while (running.size() < 3 && System.nanoTime() < deadline && pause());
        assertThat(running).as("the demo pool's three ready instances").hasSize(3);
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static boolean pause() {
        try {
            Thread.sleep(150);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ContainersMetricsQuery.Builder lastMinutes() {
        Instant now = Instant.now();
        return ContainersMetricsQuery.builder().accountTag(account).since(now.minus(Duration.ofMinutes(15)))
                .until(now.plusSeconds(5));
    }

    /** Runs the query until every running instance has been sampled twice (the sampler takes one a second). */
    private static List<ContainersMetricsRow> perInstance() {
        ContainersMetricsQuery query = lastMinutes().filterApplicationId(app)
                .dimensions(Dimension.INSTANCE_ID, Dimension.APPLICATION_ID, Dimension.REGION)
                .aggregates(Aggregate.AVG_CPU_UTILIZATION, Aggregate.MAX_MEMORY, Aggregate.P95_MEMORY,
                        Aggregate.SUM_CPU_TIME_SEC, Aggregate.SUM_ALLOCATED_MEMORY, Aggregate.SUM_CONTAINER_UPTIME,
                        Aggregate.MAX_DISK_USAGE)
                .orderByAsc(Dimension.INSTANCE_ID).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        GraphQLResult<List<ContainersMetricsRow>> result;
        do {
            result = client.containers().metrics().query(query);
            assertThat(result.errors()).isNullOrEmpty();
        } while ((result.data().size() < running.size()
                || result.data().stream().anyMatch(r -> r.value(Aggregate.SUM_CONTAINER_UPTIME) < 1.5))
                && System.nanoTime() < deadline && pause());
        return result.data();
    }

    @Test
    void helloPoolHasBelievableCpuAndMemoryPerInstance() {
        List<ContainersMetricsRow> rows = perInstance();

        Set<String> ids = running.stream().map(ContainerInstanceV2::id).collect(Collectors.toSet());
        assertThat(rows.stream().map(r -> r.dimensions().instanceId())).as("a row per running instance of hello-pool")
                .containsAll(ids);
        for (ContainersMetricsRow r : rows) {
            assertThat(r.dimensions().applicationId()).isEqualTo(app);
            assertThat(r.dimensions().region()).isIn("AFR", "APAC", "EEUR", "ENAM", "WNAM", "ME", "OC", "SAM", "WEUR");
            // flare-hello is a static C server: resident memory of tens of KiB to a few MiB, never its 256 MiB.
            assertThat(r.value(Aggregate.MAX_MEMORY)).as("max memory (bytes)").isBetween(16e3, 32e6);
            assertThat(r.value(Aggregate.P95_MEMORY)).isPositive().isLessThanOrEqualTo(r.value(Aggregate.MAX_MEMORY));
            assertThat(r.value(Aggregate.AVG_CPU_UTILIZATION)).as("an idle server").isBetween(0.0, 1.0);
            assertThat(r.value(Aggregate.SUM_CPU_TIME_SEC)).isGreaterThanOrEqualTo(0.0)
                    .isLessThanOrEqualTo(r.value(Aggregate.SUM_CONTAINER_UPTIME) * 0.0625 + 0.01);
            double uptime = r.value(Aggregate.SUM_CONTAINER_UPTIME);
            assertThat(uptime).as("seconds sampled").isGreaterThan(1);
            assertThat(r.value(Aggregate.SUM_ALLOCATED_MEMORY)).as("lite: 256 MiB for each second sampled")
                    .isCloseTo(256.0 * 1024 * 1024 * uptime, org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(r.value(Aggregate.MAX_DISK_USAGE)).as("the unpacked flare-hello image").isGreaterThan(100_000.0);
        }
    }

    @Test
    void theFullQueryIsValidAndUsesOnlyDocumentedFields() throws IOException {
        ContainersMetricsQuery all = lastMinutes().filterApplicationId(app).filterInstanceId(running.get(0).id())
                .dimensions(Dimension.values()).aggregates(Aggregate.values())
                .orderByAsc(Dimension.DATETIME_MINUTE).build();
        GraphQLResult<List<ContainersMetricsRow>> result = client.containers().metrics().query(all);
        assertThat(result.errors()).isNullOrEmpty();
        assertThat(result.data()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.dimensions().instanceId()).isEqualTo(running.get(0).id());
            assertThat(r.dimensions().datetimeMinute().getEpochSecond() % 60).isZero();
            assertThat(r.dimensions().datetimeHour().getEpochSecond() % 3600).isZero();
        });

        Reference reference = Reference.read();
        Node<?> document = Parser.parse(all.toRequest().query());
        Set<String> fields = new HashSet<>();
        Set<String> filterKeys = new HashSet<>();
        collect(document, fields, filterKeys);
        for (String f : fields) {
            assertThat(STRUCTURE.contains(f) || reference.fields.contains(f) || reference.isQuantile(f))
                    .as("field '%s' is listed for containersMetricsAdaptiveGroups in graphql-analytics.md", f).isTrue();
        }
        for (String k : filterKeys) {
            // The reference lists instanceId, labels_has and the datetime bounds; the filter grammar (§2) allows
            // `k: v` on the dataset's dimensions, which is how the client filters on applicationId.
            assertThat(reference.fields.contains(k) || k.equals("accountTag"))
                    .as("filter key '%s' is a listed filter or dimension", k).isTrue();
        }
    }

    private static void collect(Node<?> node, Set<String> fields, Set<String> filterKeys) {
        if (node instanceof Field f) {
            fields.add(f.getName());
        }
        if (node instanceof Argument a && a.getName().equals("filter")) {
            a.getValue().getChildren().forEach(c -> {
                if (c instanceof ObjectField of) {
                    filterKeys.add(of.getName());
                }
            });
        }
        for (Node<?> child : node.getChildren()) {
            collect(child, fields, filterKeys);
        }
    }

    /** The names graphql-analytics.md §4 lists in its containersMetricsAdaptiveGroups row. */
    private record Reference(Set<String> fields) {

        static Reference read() throws IOException {
            Path doc = Path.of(System.getProperty("flare.openapi")).resolveSibling("graphql-analytics.md");
            String row = Files.readAllLines(doc).stream()
                    .filter(l -> l.startsWith("| `" + ContainersMetricsFields.DATASET + "`")).findFirst().orElseThrow();
            Set<String> names = new HashSet<>();
            Matcher m = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)").matcher(row);
            while (m.find()) {
                names.add(m.group(1));
            }
            // "`datetime_geq/leq`" lists datetime_geq and datetime_leq
            Matcher pair = Pattern.compile("`([A-Za-z]+)_([a-z]+)/([a-z]+)`").matcher(row);
            while (pair.find()) {
                names.add(pair.group(1) + "_" + pair.group(3));
            }
            return new Reference(names);
        }

        /** {@code <metric>P50/P95/P99}, as the reference describes the quantiles. */
        boolean isQuantile(String field) {
            Matcher m = Pattern.compile("([A-Za-z]+)P(50|95|99)").matcher(field);
            return m.matches() && fields.contains(m.group(1));
        }
    }
}
