package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.cli.FlareCli;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real wrangler on what provisioning produces: exported configs deploy (dry run), applied queues are listed. */
class WranglerProvisionPeerTest {

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

    private static String flareObserver(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlareCli.run(args, Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(),
                "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(), "CLOUDFLARE_ACCOUNT_ID", accountId,
                "XDG_STATE_HOME", home.resolve("state").toString()), new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Wrangler.Run wrangler(Path dir, String... args) throws Exception {
        return Wrangler.run(emulator, dir, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args);
    }

    private static void entryModule(Path project) throws Exception {
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("src/index.js"),
                "export default { async fetch() { return new Response('exported'); } };\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"toml", "jsonc"})
    void wranglerDeployDryRunAcceptsTheExportedAccount(String format, @TempDir Path project) throws Exception {
        String exported = flareObserver(project, "export", "--format", format);
        Files.writeString(project.resolve("wrangler." + format), exported);
        entryModule(project);

        Wrangler.Run run = wrangler(project, "deploy", "--dry-run", "--outdir", "dist");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("--dry-run: exiting now.").contains("ORDER_EVENTS").contains("order-events");
    }

    @Test
    void wranglerDeployDryRunAcceptsAnExportedWorker(@TempDir Path project) throws Exception {
        String exported = flareObserver(project, "export", "--worker", "checkout-api");
        Files.writeString(project.resolve("wrangler.toml"), exported);
        entryModule(project);

        Wrangler.Run run = wrangler(project, "deploy", "--dry-run", "--outdir", "dist");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("--dry-run: exiting now.").contains("ENVIRONMENT");
    }

    @Test
    void wranglerListsTheNamespaceAndQueueAnApplyCreated(@TempDir Path project) throws Exception {
        Path config = project.resolve("wrangler.toml");
        Files.writeString(config, """
                name = "peer-shop"
                [[kv_namespaces]]
                binding = "CACHE"
                [queues]
                producers = [ { binding = "ORDERS", queue = "peer-shop-orders" } ]
                """);
        flareObserver(project, "apply", config.toString(), "--yes");
        String id = java.util.regex.Pattern.compile("id = \"([^\"]+)\"").matcher(Files.readString(config)).results()
                .findFirst().orElseThrow().group(1);

        Wrangler.Run namespaces = wrangler(project, "kv", "namespace", "list");
        assertThat(namespaces.exitCode()).as(namespaces.output()).isZero();
        assertThat(namespaces.output()).contains("\"title\": \"peer-shop-cache\"").contains("\"id\": \"" + id + "\"");

        Wrangler.Run queues = wrangler(project, "queues", "list");
        assertThat(queues.exitCode()).as(queues.output()).isZero();
        assertThat(queues.output()).contains("peer-shop-orders");
    }
}
