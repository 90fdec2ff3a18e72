package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wrangler's Workers commands against the emulator: deployments, versions, and a real deploy. */
class WranglerWorkersPeerTest {

    private static final String DEMO_WORKER = "checkout-api";

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
    void deploymentsListShowsTheDemoWorkersHistory(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "deployments", "list", "--name", DEMO_WORKER);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Switch to new pricing engine").containsPattern("[0-9a-f]{8}-[0-9a-f]{4}");
    }

    @Test
    void versionsListShowsTheDemoWorkersVersions(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "versions", "list", "--name", DEMO_WORKER);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Version ID:\\s+[0-9a-f-]{36}");
    }

    @Test
    void deployingATinyWorkerCreatesItInTheAccount(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/index.js"),
                "export default { async fetch() { return new Response('hello from the peer test'); } };\n");
        Files.writeString(project.resolve("wrangler.toml"), """
                name = "peer-hello"
                main = "src/index.js"
                compatibility_date = "2025-01-01"
                """);

        Wrangler.Run run = wrangler(project, "deploy");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(emulator.stats().snapshot().count("PUT /accounts/{account_id}/workers/scripts/{script_name}"))
                .as("the upload reached the scripts endpoint").isGreaterThanOrEqualTo(1);
        PeerChecks.assertScriptListed(emulator, accountId, "peer-hello");
    }

    private static Wrangler.Run wrangler(Path dir, String... args) throws Exception {
        return Wrangler.run(emulator, dir, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args);
    }
}
