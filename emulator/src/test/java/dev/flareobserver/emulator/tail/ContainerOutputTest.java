package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.http.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Container output on its way to tails: batched per instance, bounded, owned by a Worker, shaped as a DO trace item. */
class ContainerOutputTest {

    private static final String INSTANCE = "a".repeat(64);
    private static final Instant AT = Instant.parse("2026-03-02T10:15:30.250Z");

    private static ContainerOutput owned() {
        ContainerOutput out = new ContainerOutput();
        out.ownersFrom((account, app) -> app.equals("app-1") ? Optional.of("pool-manager") : Optional.empty());
        return out;
    }

    @Test
    void linesOfOneInstanceLeaveAsOneDurableObjectTraceItem() throws IOException {
        ContainerOutput out = owned();
        out.add("acct", "app-1", INSTANCE, false, AT, "GET /x -> 200 (1 served)");
        out.add("acct", "app-1", INSTANCE, true, AT.plusMillis(5), "warning: disk almost full");

        List<ContainerOutput.Batch> batches = out.drain();
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).scriptName()).isEqualTo("pool-manager");
        JsonNode e = TailEventJsonTest.json(batches.get(0).event());
        assertThat(e.get("executionModel").asText()).isEqualTo("durableObject");
        assertThat(e.get("durableObjectId").asText()).isEqualTo(INSTANCE);
        assertThat(e.get("scriptName").asText()).isEqualTo("pool-manager");
        assertThat(e.get("outcome").asText()).isEqualTo("ok");
        assertThat(e.get("event").isNull()).isTrue();
        assertThat(e.get("truncated").asBoolean()).isFalse();
        assertThat(e.get("eventTimestamp").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(e.get("logs")).hasSize(2);
        assertThat(e.at("/logs/0/level").asText()).isEqualTo("log");
        assertThat(e.at("/logs/0/message/0").asText()).isEqualTo("GET /x -> 200 (1 served)");
        assertThat(e.at("/logs/1/level").asText()).as("stderr").isEqualTo("error");
        assertThat(e.at("/logs/1/timestamp").asLong()).isEqualTo(AT.toEpochMilli() + 5);
        assertThat(out.drain()).as("drained").isEmpty();
    }

    @Test
    void aChattyContainerIsBatchedAndBoundedAndSaysWhatItDropped() throws IOException {
        ContainerOutput out = owned();
        for (int i = 0; i < ContainerOutput.MAX_PENDING + 500; i++) {
            out.add("acct", "app-1", INSTANCE, false, AT, "line " + i);
        }
        int events = 0;
        int lines = 0;
        boolean truncated = false;
        for (List<ContainerOutput.Batch> b = out.drain(); !b.isEmpty(); b = out.drain()) {
            JsonNode e = TailEventJsonTest.json(b.get(0).event());
            assertThat(e.get("logs").size()).isLessThanOrEqualTo(ContainerOutput.MAX_LINES_PER_EVENT);
            truncated |= e.get("truncated").asBoolean();
            lines += e.get("logs").size();
            events++;
        }
        assertThat(lines).as("the excess over the bound is dropped").isEqualTo(ContainerOutput.MAX_PENDING);
        assertThat(events).isEqualTo(ContainerOutput.MAX_PENDING / ContainerOutput.MAX_LINES_PER_EVENT);
        assertThat(truncated).as("the first item after the loss says so").isTrue();
    }

    @Test
    void outputOfAnApplicationNoWorkerOwnsGoesNowhere() {
        ContainerOutput out = owned();
        out.add("acct", "app-2", INSTANCE, false, AT, "hello");
        assertThat(out.drain()).isEmpty();
    }

    @Test
    void tailFiltersApplyToContainerItems() {
        ContainerOutput out = owned();
        out.add("acct", "app-1", INSTANCE, false, AT, "GET /x -> 200");
        TailEvent e = out.drain().get(0).event();
        SplittableRandom random = new SplittableRandom(1);
        assertThat(TailFilterSet.parse(Json.MAPPER.valueToTree(List.of(java.util.Map.of("query", "get /x"))))
                .matches(e, null, random)).isTrue();
        assertThat(TailFilterSet.parse(Json.MAPPER.valueToTree(List.of(java.util.Map.of("outcome", List.of("exception")))))
                .matches(e, null, random)).isFalse();
        assertThat(TailFilterSet.parse(Json.MAPPER.valueToTree(List.of(java.util.Map.of("method", List.of("GET")))))
                .matches(e, null, random)).as("no request to match a method").isFalse();
    }
}
