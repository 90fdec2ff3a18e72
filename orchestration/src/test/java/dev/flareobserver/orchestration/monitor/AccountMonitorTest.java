package dev.flareobserver.orchestration.monitor;

import static dev.flareobserver.orchestration.ApiResponses.error;
import static dev.flareobserver.orchestration.ApiResponses.json;
import static dev.flareobserver.orchestration.ApiResponses.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountMonitorTest {

    private static final Instant NOW = Instant.parse("2026-01-08T10:15:00Z");

    private MonitorFixture fixture;
    private ManualScheduler scheduler;
    private AccountMonitor monitor;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new MonitorFixture();
        fixture.connect();
        scheduler = new ManualScheduler(NOW);
        fixture.rest = r -> r.getRequestUrl().encodedPath().endsWith("/workers/scripts")
                ? json(200, ok(SCRIPTS)) : json(404, error(7003, "No route"));
        fixture.graphql = body -> json(200, OVERVIEW);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        fixture.close();
    }

    private AccountMonitor monitor() {
        monitor = new AccountMonitor(fixture.connection, MonitorOptions.defaults().withClock(scheduler.clock)
                .withScheduler(scheduler));
        return monitor;
    }

    static final String SCRIPTS = "["
            + "{\"id\":\"api-gateway\",\"modified_on\":\"2026-01-07T08:00:00Z\",\"created_on\":\"2025-12-01T08:00:00Z\"},"
            + "{\"id\":\"payments-webhook\",\"modified_on\":\"2026-01-06T08:00:00Z\"},"
            + "{\"id\":\"checkout-api\",\"modified_on\":\"2026-01-08T07:15:00Z\"},"
            + "{\"id\":\"legacy-cron\",\"modified_on\":\"2025-11-01T08:00:00Z\"},"
            + "{\"id\":\"idle-worker\",\"modified_on\":\"2025-10-01T08:00:00Z\"}]";

    private static String row(String name, long requests, long errors, long subrequests, Double p50, Double p99,
                              Double wall99) {
        return "{\"dimensions\":{\"scriptName\":\"" + name + "\"},\"sum\":{\"requests\":" + requests + ",\"errors\":"
                + errors + ",\"subrequests\":" + subrequests + "},\"quantiles\":{\"cpuTimeP50\":" + p50
                + ",\"cpuTimeP99\":" + p99 + ",\"wallTimeP99\":" + wall99 + "}}";
    }

    private static String prev(String name, long requests, long errors) {
        return "{\"dimensions\":{\"scriptName\":\"" + name + "\"},\"sum\":{\"requests\":" + requests + ",\"errors\":"
                + errors + "}}";
    }

    /** 15 min current window, the hour before as previous. */
    static final String OVERVIEW = "{\"data\":{\"viewer\":{\"accounts\":[{"
            + "\"current\":[" + row("api-gateway", 9000, 9, 4500, 1200.0, 4800.0, 35000.0) + ","
            + row("payments-webhook", 1200, 300, 0, 900.0, 3000.0, 20000.0) + ","
            + row("checkout-api", 600, 0, 1200, 40000.0, 250000.0, 300000.0) + "],"
            + "\"previous\":[" + prev("api-gateway", 36000, 36) + "," + prev("payments-webhook", 4800, 48) + ","
            + prev("checkout-api", 2400, 0) + "," + prev("legacy-cron", 500, 0) + "],"
            + "\"load\":[{\"dimensions\":{\"datetimeMinute\":\"2026-01-08T10:00:00Z\"},\"sum\":{\"requests\":700,\"errors\":20}},"
            + "{\"dimensions\":{\"datetimeMinute\":\"2026-01-08T10:14:00Z\"},\"sum\":{\"requests\":720,\"errors\":22}}],"
            + "\"total\":[{\"sum\":{\"requests\":10800},\"quantiles\":{\"cpuTimeP99\":61000}}]"
            + "}]}},\"errors\":null}";

    private static Map<String, WorkerRow> byName(AccountSnapshot s) {
        return s.workers().stream().collect(Collectors.toMap(WorkerRow::scriptName, r -> r));
    }

    @Test
    void beforeTheFirstSuccessTheSnapshotIsEmptyNotZeros() {
        AccountSnapshot empty = monitor().snapshot();
        assertThat(empty.isLoaded()).isFalse();
        assertThat(empty.totals()).isNull();
        assertThat(empty.workers()).isEmpty();
        assertThat(fixture.requests).isEmpty();
    }

    @Test
    void oneRefreshGivesDerivedFiguresHealthSpikeQuietAndTrend() {
        monitor().start();
        scheduler.runDue();

        AccountSnapshot s = monitor.snapshot();
        assertThat(s.isLoaded()).isTrue();
        assertThat(s.problem()).isNull();
        assertThat(s.staleness().stale()).isFalse();
        Map<String, WorkerRow> rows = byName(s);

        WorkerRow api = rows.get("api-gateway");
        assertThat(api.requestsPerSecond()).isCloseTo(10.0, within(1e-9));
        assertThat(api.errorRatio()).isCloseTo(0.001, within(1e-9));
        assertThat(api.cpuP50Ms()).isEqualTo(1.2);
        assertThat(api.cpuP99Ms()).isEqualTo(4.8);
        assertThat(api.wallP99Ms()).isEqualTo(35.0);
        assertThat(api.subrequests()).isEqualTo(4500);
        assertThat(api.requestsTrend()).isCloseTo(1.0, within(1e-9));
        assertThat(api.lastDeploy()).isEqualTo(Instant.parse("2026-01-07T08:00:00Z"));
        assertThat(api.health()).isEqualTo(Health.OK);
        assertThat(api.spike()).isFalse();

        WorkerRow payments = rows.get("payments-webhook");
        assertThat(payments.errorRatio()).isEqualTo(0.25);
        assertThat(payments.spike()).isTrue();
        assertThat(payments.health()).isEqualTo(Health.CRITICAL);

        WorkerRow checkout = rows.get("checkout-api");
        assertThat(checkout.cpuP99Ms()).isEqualTo(250.0);
        assertThat(checkout.health()).as("CPU p99 over 200 ms").isEqualTo(Health.CRITICAL);
        assertThat(checkout.spike()).isFalse();

        WorkerRow cron = rows.get("legacy-cron");
        assertThat(cron.health()).isEqualTo(Health.QUIET);
        assertThat(cron.requests()).isZero();
        assertThat(cron.cpuP99Ms()).as("unknown, not zero").isNull();
        assertThat(cron.requestsTrend()).isEqualTo(0.0);

        WorkerRow idle = rows.get("idle-worker");
        assertThat(idle.health()).isEqualTo(Health.UNKNOWN);
        assertThat(idle.requestsTrend()).isNull();

        Totals t = s.totals();
        assertThat(t.requestsPerMinute()).isCloseTo(10800 / 15.0, within(1e-9));
        assertThat(t.errorRatio()).isCloseTo(309.0 / 10800, within(1e-9));
        assertThat(t.cpuP99Ms()).isEqualTo(61.0);
        assertThat(t.workersWithErrors()).isEqualTo(2);

        assertThat(s.window()).isEqualTo(TimeWindow.H1);
        assertThat(s.load()).hasSize(61);
        assertThat(s.load().get(45).requests()).isEqualTo(700);
        assertThat(s.load().get(46).requests()).as("a minute without rows had no requests").isZero();
        assertThat(s.load().get(59).errors()).isEqualTo(22);
    }

    @Test
    void eachRefreshIsOneGraphqlRequestAndTheScriptsListIsReadAtMostEveryFiveMinutes() {
        monitor().start();
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(30));
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(fixture.overviewQueries()).isEqualTo(3);
        assertThat(fixture.count("POST /graphql")).as("3 refreshes + the settings read once").isEqualTo(4);
        assertThat(fixture.count("GET /accounts/" + MonitorFixture.ACCOUNT + "/workers/scripts")).isEqualTo(1);

        scheduler.advance(Duration.ofMinutes(5));
        assertThat(fixture.count("GET /accounts/" + MonitorFixture.ACCOUNT + "/workers/scripts")).isEqualTo(2);

        String query = fixture.graphqlBodies.get(0);
        assertThat(query).contains("current: workersInvocationsAdaptive").contains("previous: workersInvocationsAdaptive")
                .contains("load: workersInvocationsAdaptive").contains("total: workersInvocationsAdaptive")
                .contains("dimensions { scriptName }").contains("dimensions { datetimeMinute }");
    }

    @Test
    void pollsOnlyBetweenStartAndStop() {
        monitor();
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(fixture.overviewQueries()).isZero();

        monitor.start();
        scheduler.runDue();
        assertThat(fixture.overviewQueries()).isEqualTo(1);
        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(30));

        monitor.stop();
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(fixture.overviewQueries()).isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aFailureKeepsTheLastGoodDataMarkedStaleNamesPanelAndQueryAndBacksOff() {
        monitor().start();
        scheduler.runDue();
        Instant firstSuccess = scheduler.clock.instant();
        fixture.graphql = body -> json(200, "{\"data\":null,\"errors\":[{\"message\":\"query time range is too large\","
                + "\"path\":[\"viewer\",\"accounts\",\"0\",\"load\"],\"extensions\":{\"timestamp\":\"2026-01-08T10:15:30Z\"}}]}");

        scheduler.advance(Duration.ofSeconds(30));

        AccountSnapshot s = monitor.snapshot();
        assertThat(s.staleness().stale()).isTrue();
        assertThat(s.staleness().lastSuccess()).isEqualTo(firstSuccess);
        assertThat(s.staleness().age(scheduler.clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(byName(s).get("payments-webhook").errorRatio()).as("last good data kept").isEqualTo(0.25);
        assertThat(s.totals()).isNotNull();
        assertThat(s.problem().panel()).isEqualTo("Overview");
        assertThat(s.problem().query()).isEqualTo("AccountOverview");
        assertThat(s.problem().message()).contains("query time range is too large");
        assertThat(scheduler.nextDelay()).as("first back-off").isEqualTo(Duration.ofSeconds(60));

        scheduler.advance(Duration.ofSeconds(60));
        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(120));
        scheduler.advance(Duration.ofSeconds(120));
        scheduler.advance(Duration.ofSeconds(240));
        assertThat(scheduler.nextDelay()).as("capped").isEqualTo(Duration.ofMinutes(5));

        fixture.graphql = body -> json(200, OVERVIEW);
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(monitor.snapshot().staleness().stale()).isFalse();
        assertThat(monitor.snapshot().problem()).isNull();
        assertThat(scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFailureBeforeAnySuccessShowsTheProblemWithoutInventedFigures() {
        fixture.graphql = body -> json(429, "{\"data\":null,\"errors\":[{\"message\":\"rate limiter budget depleted, "
                + "try again after 5 minutes\"}]}");
        monitor().start();
        scheduler.runDue();

        AccountSnapshot s = monitor.snapshot();
        assertThat(s.isLoaded()).isFalse();
        assertThat(s.totals()).isNull();
        assertThat(s.staleness().stale()).isTrue();
        assertThat(s.staleness().lastSuccess()).isNull();
        assertThat(s.problem().message()).contains("rate limit");
        assertThat(scheduler.nextDelay()).as("the GraphQL budget is spent: wait for its reset")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aWindowChangeRefreshesTheLoadWithItsGrain() {
        monitor().start();
        scheduler.runDue();
        monitor.setWindow(TimeWindow.D7);
        scheduler.runDue();

        assertThat(fixture.overviewQueries()).isEqualTo(2);
        assertThat(fixture.graphqlBodies.get(1)).contains("dimensions { datetimeHour }");
        assertThat(monitor.snapshot().window()).isEqualTo(TimeWindow.D7);
    }

    @Test
    void anOverlappingRefreshIsSkippedNotQueued() throws Exception {
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<String, MockResponse> slow = body -> {
            inFlight.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(200, OVERVIEW);
        };
        fixture.graphql = slow;
        try {
            monitor = new AccountMonitor(fixture.connection, MonitorOptions.defaults().withScheduler(threads));
            monitor.refreshNow();
            assertThat(inFlight.await(5, TimeUnit.SECONDS)).isTrue();
            monitor.refreshNow();
            monitor.refreshNow();
            release.countDown();
            for (int i = 0; i < 100 && !monitor.snapshot().isLoaded(); i++) {
                Thread.sleep(20);
            }
            Thread.sleep(100);

            assertThat(monitor.snapshot().isLoaded()).isTrue();
            assertThat(fixture.overviewQueries()).isEqualTo(1);
            assertThat(monitor.skippedRefreshes()).isEqualTo(2);
        } finally {
            monitor.close();
            threads.shutdownNow();
        }
    }

    @Test
    void listenersHearEverySnapshot() {
        List<AccountSnapshot> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        monitor().addListener(heard::add);
        monitor.start();
        scheduler.runDue();
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).isSameAs(monitor.snapshot());
    }
}
