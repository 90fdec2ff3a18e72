package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.resources.kv.KvValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wrangler's KV commands against the emulator ({@code --remote}, through CLOUDFLARE_API_BASE_URL), checked
 * against what Flare Observer's KV service reads and writes on the same emulator.
 */
class WranglerKvPeerTest {

    private static Emulator emulator;
    private static String accountId;
    private static AccountConnection connection;
    private static KvService kv;
    private static KvNamespace config;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        accountId = emulator.accounts().get(0).id();
        connection = Monitors.connect(emulator);
        kv = new KvService(connection, ResourceWrites.unlockedInMemory());
        config = kv.findNamespace("site-config").orElseThrow();
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @Test
    void namespaceListShowsTheDemoNamespaces(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "kv", "namespace", "list");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode list = new ObjectMapper().readTree(run.output().substring(run.output().indexOf('[')));
        assertThat(list.findValuesAsText("title")).contains("app-sessions", "site-config", "user-profiles");
        assertThat(list.findValuesAsText("id")).contains(config.id());
    }

    @Test
    void keyPutWithMetadataAndTtlIsWhatTheAppReads(@TempDir Path home) throws Exception {
        String key = "peer/with space/ü";
        Wrangler.Run run = wrangler(home, "kv", "key", "put", key, "hello from wrangler", "--namespace-id", config.id(),
                "--metadata", "{\"by\":\"wrangler\"}", "--ttl", "3600", "--remote");

        assertThat(run.exitCode()).as(run.output()).isZero();
        KvValue value = kv.read(config.id(), key);
        assertThat(new String(value.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello from wrangler");
        assertThat(value.metadata().path("by").asText()).isEqualTo("wrangler");
        var browser = kv.browse(config.id(), "peer/");
        browser.loadNext();
        assertThat(browser.key(0)).isEqualTo(key);
        assertThat(browser.expiration(0)).isNotNull();
    }

    @Test
    void keyGetReadsWhatTheAppWrote(@TempDir Path home) throws Exception {
        kv.put(config, "peer/from-the-app", "written by Flare Observer".getBytes(StandardCharsets.UTF_8), null, null);

        Wrangler.Run run = wrangler(home, "kv", "key", "get", "peer/from-the-app", "--namespace-id", config.id(),
                "--remote");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("written by Flare Observer");
    }

    @Test
    void keyListShowsNamesExpirationsAndMetadata(@TempDir Path home) throws Exception {
        Wrangler.Run run = wrangler(home, "kv", "key", "list", "--namespace-id", config.id(), "--prefix", "config/flags/",
                "--remote");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode keys = new ObjectMapper().readTree(run.output().substring(run.output().indexOf('[')));
        assertThat(keys.findValuesAsText("name")).hasSize(8).allMatch(n -> n.startsWith("config/flags/"))
                .contains("config/flags/passkeys");
        assertThat(keys.get(0).path("metadata").path("owner").asText()).startsWith("team-");
    }

    private static Wrangler.Run wrangler(Path dir, String... args) throws Exception {
        return Wrangler.run(emulator, dir, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", accountId), args);
    }
}
