package dev.flareobserver.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.DeploymentMarker;
import dev.flareobserver.orchestration.monitor.Health;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.RollbackPlan;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.VersionInfo;
import dev.flareobserver.orchestration.monitor.WorkerDetailSnapshot;
import dev.flareobserver.orchestration.monitor.WorkerMonitor;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import dev.flareobserver.orchestration.monitor.WorkersService;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The monitor against the emulator's scripted incidents, as an operator would meet them. */
class MonitorAgainstIncidentsTest {

    private Emulator emulator;
    private AccountConnection connection;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        connection = Monitors.connect(emulator);
    }

    @AfterEach
    void stop() {
        connection.close();
        emulator.close();
    }

    @Test
    void oneRefreshFlagsTheSpikeAndTheQuietWorker() throws Exception {
        try (AccountMonitor monitor = new AccountMonitor(connection, MonitorOptions.defaults())) {
            AccountSnapshot snapshot = Monitors.refresh(monitor, AccountSnapshot::isLoaded);

            assertThat(snapshot.workers()).hasSizeGreaterThanOrEqualTo(20);
            WorkerRow payments = row(snapshot, "payments-webhook");
            assertThat(payments.spike()).as("payments-webhook error spike flagged").isTrue();
            assertThat(payments.health()).isIn(Health.WARN, Health.CRITICAL);
            assertThat(payments.errorRatio()).isGreaterThan(0.10);
            assertThat(row(snapshot, "legacy-cron").health()).as("legacy-cron went quiet").isEqualTo(Health.QUIET);
            assertThat(row(snapshot, "api-gateway").requestsPerSecond()).isGreaterThan(0);
            assertThat(snapshot.totals().workersWithErrors()).isGreaterThanOrEqualTo(1);
            assertThat(snapshot.load()).isNotEmpty();
            assertThat(emulator.stats().snapshot().count("POST /graphql")).as("one GraphQL request for the overview (plus the settings query)")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void theCpuRegressionIsTiedToItsDeploymentAndRollingBackEndsIt() throws Exception {
        try (WorkerMonitor monitor = new WorkerMonitor(connection, "checkout-api", MonitorOptions.defaults())) {
            monitor.setWindow(TimeWindow.H6);
            WorkerDetailSnapshot detail = Monitors.refresh(monitor, WorkerDetailSnapshot::isLoaded);

            DeploymentMarker regression = detail.deployments().stream()
                    .filter(d -> "Switch to new pricing engine".equals(d.message())).findFirst().orElseThrow();
            assertThat(regression.cpuP99BeforeMs()).isNotNull();
            assertThat(regression.cpuP99AfterMs()).as("CPU p99 after the pricing-engine deployment")
                    .isGreaterThan(regression.cpuP99BeforeMs() * 2);

            WorkersService workers = new WorkersService(connection);
            VersionInfo previous = detail.versions().stream()
                    .filter(v -> !v.id().equals(detail.activeVersionId()))
                    .max(Comparator.comparing(VersionInfo::number)).orElseThrow();
            RollbackPlan plan = workers.planRollback("checkout-api", previous.id());
            assertThat(plan.summary()).contains("checkout-api");

            long deploymentsBefore = emulator.stats().snapshot().count("POST /accounts/{account_id}/workers/scripts/{script_name}/deployments");
            assertThatThrownBy(() -> workers.rollback(plan, "checkout", "Rollback")).isInstanceOf(IllegalArgumentException.class);
            assertThat(emulator.stats().snapshot().count("POST /accounts/{account_id}/workers/scripts/{script_name}/deployments"))
                    .as("a wrong confirmation sends nothing").isEqualTo(deploymentsBefore);

            workers.rollback(plan, "checkout-api", "Rollback to v" + previous.number());
            WorkerDetailSnapshot after = Monitors.refresh(monitor, s -> previous.id().equals(s.activeVersionId()));
            assertThat(after.activeVersionId()).isEqualTo(previous.id());
        }
    }

    private static WorkerRow row(AccountSnapshot snapshot, String name) {
        return snapshot.workers().stream().filter(w -> w.scriptName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in the Workers table"));
    }
}
