package dev.flareobserver.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.monitor.AccountMonitor;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failing analytics query: the panel says which panel and query failed, and keeps its last good data, marked stale. */
class MonitorFailuresTest {

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
    void aRateLimitedOrBrokenQueryKeepsTheLastGoodDataMarkedStale() throws Exception {
        try (AccountMonitor monitor = new AccountMonitor(connection, MonitorOptions.defaults())) {
            AccountSnapshot good = Monitors.refresh(monitor, AccountSnapshot::isLoaded);
            List<WorkerRow> goodRows = good.workers();

            for (FaultRule fault : List.of(
                    FaultRule.status("/graphql", 503),
                    FaultRule.html("/graphql", 200),
                    FaultRule.malformedJson("/graphql"),
                    FaultRule.rateLimit("/graphql", 1))) {
                emulator.faults().clear();
                emulator.faults().add(fault);
                AccountSnapshot failed = Monitors.refresh(monitor, s -> s.staleness().stale());

                assertThat(failed.problem()).as(fault.kind().toString()).isNotNull();
                assertThat(failed.problem().panel()).isEqualTo("Overview");
                assertThat(failed.problem().query()).isNotBlank();
                assertThat(failed.problem().message()).as(fault.kind().toString()).isNotBlank().doesNotContain("Exception");
                assertThat(failed.workers()).as("the last good rows are still shown").isEqualTo(goodRows);
                assertThat(failed.staleness().lastSuccess()).isEqualTo(good.staleness().lastSuccess());
            }

            emulator.faults().clear();
            Thread.sleep(1_100); // the rate limit's Retry-After: the client waits for its budget to return
            AccountSnapshot recovered = Monitors.refresh(monitor, s -> !s.staleness().stale());
            assertThat(recovered.problem()).isNull();
        }
    }
}
