package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.logtail.TailState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TailCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FlareCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DemoEmulatorFactory.inMemory());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static TailCommand.Plan plan(List<String> workers, List<String> statuses, String sampling, String format,
                                         Integer limit) {
        return TailCommand.plan(workers, statuses, List.of(), null, List.of(), null, sampling, null, format, limit,
                false);
    }

    @Test
    void invalidFlagsExitWithTwoAndAClearMessageBeforeAnythingStarts() {
        assertThat(run("tail", "checkout-api", "--status", "broken")).isEqualTo(2);
        assertThat(err()).contains("Unknown status 'broken'; expected ok, error or canceled")
                .as("no emulator started, no request sent").doesNotContain("demo emulator");

        err.reset();
        assertThat(run("tail", "checkout-api", "--sampling-rate", "1.5")).isEqualTo(2);
        assertThat(err()).contains("Sampling rate must be between 0 and 1 (exclusive), got 1.5");

        err.reset();
        assertThat(run("tail", "checkout-api", "--version-id", "latest")).isEqualTo(2);
        assertThat(err()).contains("Version id must be a UUID, got 'latest'");

        err.reset();
        assertThat(run("tail", "checkout-api", "--format", "yaml")).isEqualTo(2);
        assertThat(err()).contains("--format must be json or pretty");

        err.reset();
        assertThat(run("tail", "checkout-api", "--limit", "0")).isEqualTo(2);
        assertThat(err()).contains("--limit must be at least 1");

        err.reset();
        assertThat(run("tail", "checkout api/../x")).isEqualTo(2);
        assertThat(err()).contains("is not a Worker name");

        assertThat(run("tail")).as("a Worker is required").isEqualTo(2);
        assertThat(run("tail", "checkout-api", "--limit", "many")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err()).doesNotContain("demo emulator");
    }

    @Test
    void tailPrintsTheDemoWorkersEventsAsOneJsonObjectALineAndStopsAtTheLimit() throws Exception {
        int code = run("tail", "checkout-api", "payments-webhook", "--limit", "5", "--format", "json");

        assertThat(code).as(err()).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
            assertThat(e.path("scriptName").asText()).isIn("checkout-api", "payments-webhook");
            assertThat(e.has("outcome")).isTrue();
            assertThat(e.has("eventTimestamp")).isTrue();
        }
        assertThat(err()).contains("Tailing checkout-api, payments-webhook on");
    }

    @Test
    void prettyPrintsWhatWranglerPrints() {
        assertThat(run("tail", "checkout-api", "--limit", "2", "--format", "pretty")).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("(GET|POST|PUT|DELETE) https://checkout-api\\.\\S+ - \\w[\\w ]* @ ");
    }

    @Test
    void anUnknownWorkerFailsWithCloudflaresReason() {
        int code = run("tail", "no-such-worker", "--format", "json");

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("the tail of no-such-worker failed").contains("no Worker named \"no-such-worker\"");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void flagsBecomeAPlan() {
        TailCommand.Plan p = TailCommand.plan(List.of("checkout-api", "payments-webhook", "checkout-api"),
                List.of("error"), List.of("POST"), "x-tenant:acme", List.of("self"), "declined", "0.5", null, null,
                7, false);
        assertThat(p.workers()).containsExactly("checkout-api", "payments-webhook");
        assertThat(p.json()).as("not a terminal: json, as wrangler").isTrue();
        assertThat(p.limit()).isEqualTo(7);
        assertThat(p.filters().outcomes()).contains("exception");
        assertThat(p.filters().headerQuery()).isEqualTo("acme");
        assertThat(p.filters().samplingRate()).isEqualTo(0.5);

        assertThat(plan(List.of("a"), List.of(), null, "pretty", null).json()).isFalse();
        assertThat(plan(List.of("a"), List.of(), null, null, null).limit()).isEqualTo(Long.MAX_VALUE);
        assertThat(TailCommand.plan(List.of("a"), List.of(), List.of(), null, List.of(), null, null, null, null, null,
                true).json()).as("on a terminal: pretty").isFalse();
        assertThatThrownBy(() -> plan(List.of("a"), List.of("okay"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandEndsWithAFailureWhenEveryTailFailed() {
        assertThat(TailCommand.allFailed(List.of("a", "b"), Map.of("a", TailState.FAILED, "b", TailState.FAILED)))
                .isTrue();
        assertThat(TailCommand.allFailed(List.of("a", "b"), Map.of("a", TailState.FAILED, "b", TailState.CONNECTED)))
                .isFalse();
        assertThat(TailCommand.allFailed(List.of("a"), Map.of())).isFalse();
    }

    @Test
    void theSessionIsClosedOnceWhoeverAsksFirstAndTheOtherWaits() throws Exception {
        int[] closes = new int[1];
        java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
        TailCommand.SessionCloser closer = new TailCommand.SessionCloser(() -> {
            closing.countDown();
            Thread.sleep(200);
            closes[0]++;
        }, new java.io.PrintWriter(new java.io.StringWriter()));
        Thread hook = new Thread(closer::closeOnShutdown);
        hook.start();
        closing.await();
        assertThat(closer.stopping()).isTrue();
        assertThat(closer.shuttingDown()).isTrue();
        closer.close();
        assertThat(closes[0]).as("the second close waited for the first").isEqualTo(1);
        hook.join();
        assertThat(closes[0]).isEqualTo(1);
    }
}
