package dev.flareobserver.orchestration.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tail events are an instance's output, and how its lines are read (tail-protocol trace items). */
class InstanceOutputTest {

    private static final String ID = "a".repeat(64);

    private static LogEntry event(String json) {
        return new LogEntry(1, Instant.EPOCH, "pool-manager", EntryKind.EVENT, "unknown", "ok", null, null, 0, "",
                LogLevel.LOG, false, json, null, null);
    }

    private static String trace(String durableObjectId, String logs) {
        return "{\"scriptName\":\"pool-manager\",\"executionModel\":\"durableObject\",\"durableObjectId\":\""
                + durableObjectId + "\",\"event\":null,\"outcome\":\"ok\",\"eventTimestamp\":1000,\"logs\":[" + logs
                + "],\"exceptions\":[]}";
    }

    @Test
    void theInstancesLinesAreKeptWithStdoutAndStderrApart() {
        List<InstanceOutput.Line> out = new ArrayList<>();

        InstanceOutput.lines(ID, event(trace(ID, "{\"message\":[\"GET / -> 200 (1 served)\"],\"level\":\"log\","
                + "\"timestamp\":2000},{\"message\":[\"warning:\",42],\"level\":\"error\",\"timestamp\":2001}")), out);

        assertThat(out).containsExactly(
                new InstanceOutput.Line(Instant.ofEpochMilli(2000), false, "GET / -> 200 (1 served)"),
                new InstanceOutput.Line(Instant.ofEpochMilli(2001), true, "warning: 42"));
    }

    @Test
    void otherInstancesAndOrdinaryInvocationsOfTheWorkerAreLeftOut() {
        List<InstanceOutput.Line> out = new ArrayList<>();

        InstanceOutput.lines(ID, event(trace("b".repeat(64), "{\"message\":[\"not mine\"],\"level\":\"log\"}")), out);
        InstanceOutput.lines(ID, event("{\"scriptName\":\"pool-manager\",\"executionModel\":\"stateless\",\"logs\":"
                + "[{\"message\":[\"mentions " + ID + " but is a fetch\"],\"level\":\"log\"}],\"event\":{}}"), out);
        InstanceOutput.lines(ID, event("not json " + ID), out);

        assertThat(out).isEmpty();
    }
}
