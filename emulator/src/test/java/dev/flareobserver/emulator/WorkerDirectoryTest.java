package dev.flareobserver.emulator;

import dev.flareobserver.emulator.workers.DemoWorkers;
import dev.flareobserver.emulator.workers.DeploymentEvent;
import dev.flareobserver.emulator.workers.VersionShare;
import dev.flareobserver.emulator.workers.WorkerDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seam the traffic simulator reads: demo Workers, their deployment history, the scale knob. */
class WorkerDirectoryTest {

    private static final String PROD = DemoWorld.PRODUCTION.id();

    @Test
    void theDemoAccountHas25WorkersWithAWeekOfDeployments() {
        try (Emulator emu = Emulator.start(EmulatorOptions.defaults())) {
            WorkerDirectory dir = emu.workerDirectory();
            List<String> names = dir.scriptNames(PROD);
            assertThat(names).hasSize(DemoWorkers.DEMO_NAMES.size()).isSorted().contains("checkout-api", "payments-webhook", "legacy-cron");
            assertThat(dir.scriptNames(DemoWorld.STAGING.id())).hasSize(DemoWorkers.DEMO_NAMES.size());
            assertThat(dir.scriptNames(DemoWorld.extraAccount(1).id())).isEmpty();

            Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
            for (String name : names) {
                List<DeploymentEvent> events = dir.deployments(PROD, name);
                assertThat(events).as(name).isNotEmpty();
                // Oldest first, and something in force at the start of the 7-day window.
                assertThat(events).extracting(DeploymentEvent::at).as(name).isSorted();
                assertThat(events.get(0).at()).as(name).isBefore(weekAgo);
                for (DeploymentEvent e : events) {
                    assertThat(e.versions().stream().mapToDouble(VersionShare::percentage).sum()).isEqualTo(100.0);
                    assertThat(e.versions()).allMatch(v -> v.versionNumber() >= 1);
                }
            }
            long deployedThisWeek = names.stream()
                    .filter(n -> dir.deployments(PROD, n).stream().anyMatch(e -> e.at().isAfter(weekAgo)))
                    .count();
            assertThat(deployedThisWeek).isGreaterThanOrEqualTo(20);
            assertThat(dir.deployments(PROD, "no-such-worker")).isEmpty();
        }
    }

    @Test
    void checkoutApiRegressesFromADeploymentThreeHoursAgo() {
        try (Emulator emu = Emulator.start(EmulatorOptions.defaults())) {
            List<DeploymentEvent> events = emu.workerDirectory().deployments(PROD, "checkout-api");
            DeploymentEvent last = events.get(events.size() - 1);
            assertThat(Duration.between(last.at(), Instant.now())).isBetween(Duration.ofMinutes(175), Duration.ofMinutes(185));
            VersionShare share = last.versions().get(0);
            assertThat(share.percentage()).isEqualTo(100.0);
            assertThat(share.annotations()).containsEntry(DemoWorkers.CPU_REGRESSION_KEY, "3.0")
                    .containsEntry("workers/message", DemoWorkers.REGRESSION_MESSAGE);
            // Earlier versions are healthy.
            assertThat(events.subList(0, events.size() - 1))
                    .allMatch(e -> !e.versions().get(0).annotations().containsKey(DemoWorkers.CPU_REGRESSION_KEY));

            List<DeploymentEvent> cron = emu.workerDirectory().deployments(PROD, "legacy-cron");
            assertThat(cron.get(cron.size() - 1).at()).isBefore(Instant.now().minus(Duration.ofDays(5)));
        }
    }

    @Test
    void theSameSeedGivesTheSameIds() {
        try (Emulator a = Emulator.start(EmulatorOptions.defaults());
             Emulator b = Emulator.start(EmulatorOptions.defaults())) {
            assertThat(a.workerDirectory().deployments(PROD, "api-gateway"))
                    .extracting(DeploymentEvent::deploymentId)
                    .isEqualTo(b.workerDirectory().deployments(PROD, "api-gateway").stream()
                            .map(DeploymentEvent::deploymentId).toList());
        }
    }

    @Test
    void theScaleKnobAddsGeneratedWorkersAndIsFastToRead() {
        long t0 = System.nanoTime();
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().workers(2000).build())) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            WorkerDirectory dir = emu.workerDirectory();
            List<String> names = dir.scriptNames(PROD);
            assertThat(names).hasSize(2000).contains("worker-0001", "worker-1974", "checkout-api");
            assertThat(dir.scriptNames(DemoWorld.STAGING.id())).hasSize(DemoWorkers.DEMO_NAMES.size());
            assertThat(dir.deployments(PROD, "worker-0500")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(startMs).as("start-up with 2000 Workers, ms").isLessThan(10_000);

            // The simulator asks for every Worker's history on every query: must be memory-fast.
            long r0 = System.nanoTime();
            int total = 0;
            for (int round = 0; round < 10; round++) {
                for (String n : dir.scriptNames(PROD)) {
                    total += dir.deployments(PROD, n).size();
                }
            }
            long readMs = (System.nanoTime() - r0) / 1_000_000;
            assertThat(total).isGreaterThan(40_000);
            assertThat(readMs).as("20,000 lookups, ms").isLessThan(500);
        }
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().workers(3).build())) {
            assertThat(emu.workerDirectory().scriptNames(PROD)).containsExactly("api-gateway", "checkout-api",
                    "payments-webhook");
        }
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().workers(0).build())) {
            assertThat(emu.workerDirectory().scriptNames(PROD)).isEmpty();
        }
        assertThatThrownBy(() -> EmulatorOptions.builder().workers(2001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 2000");
    }

    @Test
    void aWriteIsVisibleToTheNextReadAndAResetRestoresTheDemo() {
        try (Emulator emu = Emulator.start(EmulatorOptions.defaults())) {
            TestClient client = new TestClient(emu);
            WorkerDirectory dir = emu.workerDirectory();
            assertThat(dir.scriptNames(PROD)).doesNotContain("fresh-one");
            TestClient.Reply r = client.send("PUT", "/accounts/" + PROD + "/workers/scripts/fresh-one",
                    "Bearer " + emu.userToken(), WorkersRestTest.form("{\"main_module\":\"a.js\"}", "a.js", "export default {}"),
                    "Content-Type", "multipart/form-data; boundary=" + WorkersRestTest.BOUNDARY);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(dir.scriptNames(PROD)).contains("fresh-one").hasSize(DemoWorkers.DEMO_NAMES.size() + 1);
            assertThat(dir.deployments(PROD, "fresh-one")).hasSize(1);

            emu.reset(true);
            assertThat(dir.scriptNames(PROD)).hasSize(DemoWorkers.DEMO_NAMES.size()).doesNotContain("fresh-one");
        }
    }

    @Test
    void aPersistedStateKeepsDeploysAcrossRestarts(@TempDir Path dir) {
        String before;
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().stateDir(dir).build())) {
            TestClient client = new TestClient(emu);
            client.send("PUT", "/accounts/" + PROD + "/workers/scripts/kept", "Bearer " + emu.userToken(),
                    WorkersRestTest.form("{\"main_module\":\"a.js\"}", "a.js", "export default {}"),
                    "Content-Type", "multipart/form-data; boundary=" + WorkersRestTest.BOUNDARY);
            before = emu.workerDirectory().deployments(PROD, "checkout-api").get(0).deploymentId();
        }
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().stateDir(dir).build())) {
            assertThat(emu.workerDirectory().scriptNames(PROD)).hasSize(DemoWorkers.DEMO_NAMES.size() + 1).contains("kept");
            assertThat(emu.workerDirectory().deployments(PROD, "checkout-api").get(0).deploymentId()).isEqualTo(before);
        }
    }
}
