package dev.flareobserver.emulator.tail;

import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.traffic.SimulatedInvocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's source against the simulator: same invocations, cron runs for scheduled Workers. */
class TailEventSourceTest {

    static Emulator emu;
    static String account;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.defaults());
        account = DemoWorld.PRODUCTION.id();
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void aMinuteHoldsExactlyTheSimulatorsInvocations() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
        List<SimulatedInvocation> simulated = emu.traffic().invocations(account, "api-gateway", minute);
        List<TailEvent> events = emu.tails().source().between(account, "api-gateway", minute.minusMillis(1),
                minute.plusSeconds(60).minusMillis(1));
        assertThat(events).hasSameSizeAs(simulated).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).timestamp()).isEqualTo(simulated.get(i).timestamp().toEpochMilli());
            assertThat(events.get(i).versionId()).isEqualTo(simulated.get(i).scriptVersion());
            assertThat(events.get(i).isScheduled()).isFalse();
        }
        // Half-open windows: split in two, nothing is lost or repeated.
        Instant mid = Instant.ofEpochMilli(events.get(events.size() / 2).timestamp());
        int a = emu.tails().source().between(account, "api-gateway", minute.minusMillis(1), mid).size();
        int b = emu.tails().source().between(account, "api-gateway", mid, minute.plusSeconds(60).minusMillis(1)).size();
        assertThat(a + b).isEqualTo(events.size());
    }

    @Test
    void aWorkerWithAScheduledHandlerShowsOneCronRunAMinute() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        for (String worker : List.of("cron-cleanup", "inventory-sync")) {
            List<TailEvent> events = emu.tails().source().between(account, worker, minute.minusMillis(1),
                    minute.plusSeconds(60).minusMillis(1));
            assertThat(events).as(worker).isNotEmpty();
            assertThat(events.get(0).isScheduled()).as(worker).isTrue();
            assertThat(events.get(0).scheduledTime()).isEqualTo(minute.toEpochMilli());
            assertThat(events.stream().filter(TailEvent::isScheduled)).hasSize(1);
        }
        List<TailEvent> fetchOnly = emu.tails().source().between(account, "api-gateway", minute.minusMillis(1),
                minute.plusSeconds(60).minusMillis(1));
        assertThat(fetchOnly).noneMatch(TailEvent::isScheduled);
    }
}
