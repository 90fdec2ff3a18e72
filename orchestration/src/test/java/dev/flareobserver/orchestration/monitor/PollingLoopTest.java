package dev.flareobserver.orchestration.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.connection.BudgetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PollingLoopTest {

    private static final Instant NOW = Instant.parse("2026-01-08T10:00:00Z");

    private static BudgetSnapshot graphql(int remaining, Instant resetAt) {
        return new BudgetSnapshot(1200, 1200, NOW, 300, remaining, resetAt, false);
    }

    @Test
    void aLowGraphqlBudgetLengthensTheIntervalAndASpentOneWaitsForTheReset() {
        ManualScheduler scheduler = new ManualScheduler(NOW);
        AtomicReference<BudgetSnapshot> budget = new AtomicReference<>(graphql(300, NOW));
        PollingLoop loop = new PollingLoop("t", MonitorOptions.defaults().withClock(scheduler.clock)
                .withScheduler(scheduler), budget::get, forced -> PollingLoop.Outcome.SUCCESS);

        assertThat(loop.nextDelay(PollingLoop.Outcome.SUCCESS)).isEqualTo(Duration.ofSeconds(30));
        budget.set(graphql(40, NOW.plusSeconds(200)));
        assertThat(loop.nextDelay(PollingLoop.Outcome.SUCCESS)).isEqualTo(Duration.ofMinutes(2));
        budget.set(graphql(0, NOW.plusSeconds(200)));
        assertThat(loop.nextDelay(PollingLoop.Outcome.BUDGET_SPENT)).isEqualTo(Duration.ofSeconds(200));
        loop.close();
    }

    @Test
    void refreshNowWhileStoppedRunsOnceAndDoesNotStartPolling() {
        ManualScheduler scheduler = new ManualScheduler(NOW);
        int[] runs = new int[1];
        PollingLoop loop = new PollingLoop("t", MonitorOptions.defaults().withClock(scheduler.clock)
                .withScheduler(scheduler), () -> graphql(300, NOW), forced -> {
                    runs[0]++;
                    return PollingLoop.Outcome.SUCCESS;
                });
        loop.refreshNow();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(runs[0]).isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
        loop.close();
    }
}
