package dev.flareobserver.emulator.traffic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.flareobserver.emulator.traffic.FakeWorkerDirectory.ACCOUNT;
import static dev.flareobserver.emulator.traffic.FakeWorkerDirectory.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficSimulatorTest {

    static final Instant START = Instant.parse("2026-03-10T15:07:30Z");
    final TestClocks clock = new TestClocks(START.plus(Duration.ofMinutes(5)));
    final Instant weekAgo = START.minus(Duration.ofDays(8));

    FakeWorkerDirectory demo() {
        return new FakeWorkerDirectory()
                .worker(ACCOUNT, "api-gateway", weekAgo)
                .worker(ACCOUNT, "cron-cleanup", weekAgo)
                .worker(ACCOUNT, "payments-webhook", weekAgo)
                .worker(ACCOUNT, "legacy-cron", weekAgo)
                .worker(ACCOUNT, "checkout-api", weekAgo);
    }

    TrafficSimulator simulator(FakeWorkerDirectory d) {
        return new TrafficSimulator(d, clock, START);
    }

    @Test
    void busyWorkersServeTensToHundredsPerSecondAndQuietOnesAFewPerMinute() {
        TrafficSimulator sim = simulator(demo());
        Instant to = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant from = to.minus(Duration.ofDays(1));
        double busy = sim.bucket(ACCOUNT, "api-gateway", from, to).requests() / 86_400.0;
        double quiet = sim.bucket(ACCOUNT, "cron-cleanup", from, to).requests() / 86_400.0;
        assertThat(busy).isBetween(30.0, 700.0);
        assertThat(quiet).isBetween(0.05, 3.0);
    }

    @Test
    void theSameSeedGivesTheSameTrafficAndHoursAreTheSumOfTheirMinutes() {
        TrafficSimulator a = simulator(demo());
        TrafficSimulator b = simulator(demo());
        Instant hour = Instant.parse("2026-03-09T10:00:00Z");
        TrafficBucket whole = a.bucket(ACCOUNT, "api-gateway", hour, hour.plus(Duration.ofHours(1)));
        assertThat(b.bucket(ACCOUNT, "api-gateway", hour, hour.plus(Duration.ofHours(1)))).isEqualTo(whole);
        long requests = 0;
        long errors = 0;
        long subrequests = 0;
        long previous = -1;
        boolean varies = false;
        for (int i = 0; i < 60; i++) {
            Instant m = hour.plus(Duration.ofMinutes(i));
            TrafficBucket minute = a.bucket(ACCOUNT, "api-gateway", m, m.plus(Duration.ofMinutes(1)));
            requests += minute.requests();
            errors += minute.errors();
            subrequests += minute.subrequests();
            varies |= previous >= 0 && previous != minute.requests();
            previous = minute.requests();
        }
        assertThat(requests).isEqualTo(whole.requests());
        assertThat(errors).isEqualTo(whole.errors());
        assertThat(subrequests).isEqualTo(whole.subrequests());
        assertThat(varies).as("minute counts are not a flat line").isTrue();
    }

    @Test
    void invocationsOfAMinuteAddUpExactlyToItsBucket() {
        FakeWorkerDirectory d = demo();
        Instant deploy = Instant.parse("2026-03-10T12:00:20Z");
        d.deploy(ACCOUNT, "checkout-api", deploy, share("checkout-api-v1", 1, 60, Map.of()),
                share("checkout-api-v2", 2, 40, Map.of(Incidents.CPU_REGRESSION_ANNOTATION, "3.0")));
        TrafficSimulator sim = simulator(d);
        for (String script : List.of("api-gateway", "cron-cleanup", "payments-webhook", "checkout-api")) {
            for (Instant m : List.of(Instant.parse("2026-03-10T12:00:00Z"), Instant.parse("2026-03-10T15:00:00Z"),
                    Instant.parse("2026-03-07T03:41:00Z"))) {
                TrafficBucket bucket = sim.bucket(ACCOUNT, script, m, m.plus(Duration.ofMinutes(1)));
                List<SimulatedInvocation> invocations = sim.invocations(ACCOUNT, script, m);
                Map<InvocationStatus, Long> byStatus = new EnumMap<>(InvocationStatus.class);
                Map<String, Long> byVersion = new HashMap<>();
                long subrequests = 0;
                for (SimulatedInvocation inv : invocations) {
                    byStatus.merge(inv.status(), 1L, Long::sum);
                    byVersion.merge(inv.scriptVersion(), 1L, Long::sum);
                    subrequests += inv.subrequests();
                    assertThat(inv.timestamp()).isBetween(m, m.plusSeconds(60));
                    assertThat(inv.wallTimeUs()).isGreaterThanOrEqualTo(inv.cpuTimeUs());
                    assertThat(inv.url()).startsWith("https://" + script + ".");
                }
                assertThat(invocations).hasSize((int) bucket.requests());
                assertThat(byStatus).isEqualTo(bucket.byStatus());
                assertThat(byVersion).isEqualTo(bucket.byVersion());
                assertThat(subrequests).isEqualTo(bucket.subrequests());
                assertThat(invocations).isSortedAccordingTo(java.util.Comparator.comparing(SimulatedInvocation::timestamp));
            }
        }
        // The deployment minute: the new version's invocations all start after the deployment.
        List<SimulatedInvocation> split = sim.invocations(ACCOUNT, "checkout-api", Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(split).filteredOn(i -> i.scriptVersion().equals("checkout-api-v2"))
                .isNotEmpty().allMatch(i -> !i.timestamp().isBefore(deploy));
        // And the same minute twice is the same stream.
        assertThat(sim.invocations(ACCOUNT, "checkout-api", Instant.parse("2026-03-10T12:00:00Z"))).isEqualTo(split);
    }

    @Test
    void invocationCpuTimesFollowTheDistributionTheAnalyticsReport() {
        TrafficSimulator sim = simulator(demo());
        Instant m = Instant.parse("2026-03-09T16:30:00Z");
        List<SimulatedInvocation> invocations = sim.invocations(ACCOUNT, "api-gateway", m);
        long[] cpu = invocations.stream().filter(i -> i.status() == InvocationStatus.SUCCESS)
                .mapToLong(SimulatedInvocation::cpuTimeUs).sorted().toArray();
        WorkerModel model = sim.model(ACCOUNT, "api-gateway");
        long minute = TrafficSimulator.epochMinute(m);
        Lognormal.Component c = model.cpu(0, InvocationStatus.SUCCESS, minute, minute + 1, 1);
        double median = Lognormal.quantile(c.mu(), c.sigma(), 0.5);
        assertThat((double) cpu[cpu.length / 2]).isCloseTo(median, within(median * 0.05));
        assertThat(invocations.stream().anyMatch(i -> !i.logs().isEmpty())).isTrue();
    }

    @Test
    void paymentsWebhookFailsAQuarterOfItsRequestsFromTwentyMinutesBeforeStart() {
        TrafficSimulator sim = simulator(demo());
        Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        TrafficBucket spike = sim.bucket(ACCOUNT, "payments-webhook", START.minus(Duration.ofMinutes(19)), end);
        TrafficBucket before = sim.bucket(ACCOUNT, "payments-webhook", START.minus(Duration.ofHours(3)),
                START.minus(Duration.ofMinutes(21)));
        double spikeRatio = (double) spike.errors() / spike.requests();
        double beforeRatio = (double) before.errors() / before.requests();
        assertThat(spikeRatio).isBetween(0.2, 0.3);
        assertThat(beforeRatio).isLessThan(0.03);
        assertThat(spike.byStatus()).containsKey(InvocationStatus.SCRIPT_THREW_EXCEPTION);
    }

    @Test
    void legacyCronGoesQuietThirtyMinutesBeforeStart() {
        TrafficSimulator sim = simulator(demo());
        Instant end = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant quietFrom = START.minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        assertThat(sim.bucket(ACCOUNT, "legacy-cron", quietFrom, end).requests()).isZero();
        assertThat(sim.bucket(ACCOUNT, "legacy-cron", START.minus(Duration.ofHours(6)), START.minus(Duration.ofMinutes(31)))
                .requests()).isPositive();
        assertThat(sim.invocations(ACCOUNT, "legacy-cron", START)).isEmpty();
    }

    @Test
    void nothingBeforeTheFirstDeploymentAndNothingInTheFuture() {
        Instant born = Instant.parse("2026-03-10T09:00:00Z");
        TrafficSimulator sim = simulator(new FakeWorkerDirectory().worker(ACCOUNT, "api-gateway", born));
        assertThat(sim.bucket(ACCOUNT, "api-gateway", born.minus(Duration.ofHours(5)), born).requests()).isZero();
        assertThat(sim.bucket(ACCOUNT, "api-gateway", born, born.plus(Duration.ofMinutes(10))).requests()).isPositive();
        Instant future = clock.instant().plus(Duration.ofHours(1));
        assertThat(sim.bucket(ACCOUNT, "api-gateway", future, future.plus(Duration.ofHours(1))).requests()).isZero();
        assertThat(sim.bucket(ACCOUNT, "no-such-worker", born, clock.instant()).requests()).isZero();
    }
}
