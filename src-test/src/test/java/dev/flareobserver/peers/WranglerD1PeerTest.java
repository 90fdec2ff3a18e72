package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wrangler's D1 commands against the emulator: {@code d1 list} pages through {@code GET .../d1/database}
 * ({@code per_page=10}), {@code d1 execute --remote --command} finds the database by name and posts the SQL to
 * {@code .../query}, and prints what it returns.
 */
class WranglerD1PeerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;
    private static String accountId;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        accountId = emulator.accounts().get(0).id();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void d1ListShowsTheDemoDatabases(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "d1", "list", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode list = JSON.readTree(run.output().substring(run.output().indexOf('[')));
        assertThat(list.findValuesAsText("name")).contains("shop");
        assertThat(list.get(0).path("uuid").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void d1ExecuteRemoteRunsTheCommandAndPrintsTheRows(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "d1", "execute", "shop", "--remote", "--json", "--command",
                "SELECT id, name, country FROM customers ORDER BY id LIMIT 3; SELECT count(*) AS n FROM orders");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode results = JSON.readTree(run.output().substring(run.output().indexOf('[')));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("results")).hasSize(3);
        assertThat(results.get(0).path("results").get(0).path("id").asInt()).isEqualTo(1);
        assertThat(results.get(1).path("results").get(0).path("n").asInt()).isEqualTo(29_000);
        assertThat(emulator.stats().snapshot().count("POST /accounts/{account_id}/d1/database/{database_id}/query"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void d1ExecuteShowsCloudflaresErrorForBadSql(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "d1", "execute", "shop", "--remote", "--command", "SELEC * FROM customers");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("near \"SELEC\": syntax error at offset 0: SQLITE_ERROR", "7500");
    }

    private static Wrangler.Run wrangler(Path dir, String... args) throws Exception {
        return Wrangler.run(emulator, dir, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args);
    }
}
