package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlareCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return FlareCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DemoEmulatorFactory.inMemory());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accountsWithoutATokenUsesTheDemoEmulatorAndSaysSo() {
        int code = run(Map.of(), "accounts");

        assertThat(code).isZero();
        assertThat(err()).contains("demo emulator");
        String[] lines = out().split("\n");
        assertThat(lines[0]).contains("ID").contains("NAME").contains("TYPE");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("*");
    }

    @Test
    void accountsAsJson() throws Exception {
        assertThat(run(Map.of(), "accounts", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("id").asText()).hasSize(32);
        assertThat(json.get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void anUnusableTokenFailsWithExitCodeOneAndAClearMessage() {
        int code = run(Map.of("CLOUDFLARE_API_TOKEN", "two words"), "accounts");
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("The API token cannot be used").doesNotContain("Exception").doesNotContain("at dev.");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMalformedBaseUrlFailsWithExitCodeOne() {
        int code = run(Map.of("CLOUDFLARE_API_TOKEN", "cfut_abcdefghijklmnopqrstuvwxyz0123456789abcd",
                "CLOUDFLARE_API_BASE_URL", "http://api.example.com/client/v4"), "accounts");
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("The API base URL cannot be used");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run(Map.of(), "accounts", "--no-such-option")).isEqualTo(2);
        assertThat(run(Map.of(), "no-such-command")).isEqualTo(2);
        assertThat(run(Map.of(), "emulator", "--port", "not-a-number")).isEqualTo(2);
    }

    @Test
    void helpExitsWithZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("accounts").contains("emulator");
    }

    @Test
    void theStandaloneEmulatorPrintsItsAddressAndTokenFirstAndServesUntilStopped() throws Exception {
        java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread emulator = new Thread(() -> exit.set(run(Map.of(), "emulator", "--port", "0", "--in-memory")));
        emulator.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (out().lines().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).matches("CLOUDFLARE_API_BASE_URL=http://127\\.0\\.0\\.1:\\d+/client/v4");
        assertThat(lines.get(1)).matches("CLOUDFLARE_API_TOKEN=cfut_\\S+");

        java.net.http.HttpResponse<String> verify = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                lines.get(0).substring("CLOUDFLARE_API_BASE_URL=".length()) + "/user/tokens/verify"))
                        .header("Authorization", "Bearer " + lines.get(1).substring("CLOUDFLARE_API_TOKEN=".length()))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"status\":\"active\"");

        emulator.interrupt();
        emulator.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void anOutOfRangeWorkersCountIsAUsageErrorWithAClearMessage() {
        assertThat(run(Map.of(), "emulator", "--in-memory", "--workers", "5000")).isEqualTo(2);
        assertThat(err()).contains("workers must be between 0 and 2000");
    }

    @Test
    void tableIsAligned() {
        String table = AccountsTable.render(List.of(
                new AccountSummary("aaaa", "Acme Corp", "standard"),
                new AccountSummary("bbbbbbbb", "B", null)), new AccountSummary("aaaa", "Acme Corp", "standard"));
        assertThat(table).isEqualTo(
                "   ID        NAME       TYPE\n"
                        + "*  aaaa      Acme Corp  standard\n"
                        + "   bbbbbbbb  B\n");
    }

    @Test
    void workersWithoutATokenPrintsTheDemoAccountsWorkersBusiestFirst() {
        int code = run(Map.of(), "workers");

        assertThat(code).isZero();
        String[] lines = out().split("\n");
        assertThat(lines[0]).contains("Workers · last 15 m");
        String header = java.util.Arrays.stream(lines).filter(l -> l.startsWith("NAME")).findFirst().orElseThrow();
        assertThat(header).contains("REQ/S").contains("ERROR %").contains("CPU P99").contains("LAST DEPLOY")
                .contains("HEALTH");
        assertThat(out()).contains("payments-webhook").contains("legacy-cron");
        assertThat(out()).doesNotContain("\033[");
    }

    @Test
    void workersAsJsonHasOneEntryPerWorkerWithUnknownsAsNull() throws Exception {
        assertThat(run(Map.of(), "workers", "--json", "--since", "1h")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("span").asText()).isEqualTo("1 h");
        JsonNode workers = json.get("workers");
        assertThat(workers.size()).isGreaterThan(10);
        double previous = Double.MAX_VALUE;
        for (JsonNode w : workers) {
            assertThat(w.get("requestsPerSecond").asDouble()).isLessThanOrEqualTo(previous);
            previous = w.get("requestsPerSecond").asDouble();
        }
    }

    @Test
    void workersRejectsAnUnknownSpanAsAUsageError() {
        assertThat(run(Map.of(), "workers", "--since", "2h")).isEqualTo(2);
        assertThat(err()).contains("--since must be one of 15m, 1h, 6h, 24h, 7d");
    }
}
