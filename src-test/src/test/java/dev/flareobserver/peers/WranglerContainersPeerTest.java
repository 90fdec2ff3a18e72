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

/** The real {@code wrangler containers list} against the emulator's containers API. */
class WranglerContainersPeerTest {

    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void containersListShowsTheDemoPoolApplication(@TempDir Path home) throws Exception {
        String account = emulator.accounts().get(0).id();

        Wrangler.Run run = Wrangler.run(emulator, home, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", account),
                "containers", "list");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("hello-pool");
        assertThat(run.output()).doesNotContain(emulator.userToken());
    }

    @Test
    void containersListJsonCarriesIdsAndState(@TempDir Path home) throws Exception {
        String account = emulator.accounts().get(0).id();

        Wrangler.Run run = Wrangler.run(emulator, home, emulator.userToken(), Map.of("CLOUDFLARE_ACCOUNT_ID", account),
                "containers", "list", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode apps = new ObjectMapper().readTree(jsonArray(run.output()));
        assertThat(apps).hasSize(1);
        assertThat(apps.get(0).get("name").asText()).isEqualTo("hello-pool");
        assertThat(apps.get(0).get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(apps.get(0).get("state").asText()).isIn("ready", "provisioning", "active");
    }

    /** The JSON array wrangler printed (its output may also hold warning lines before it). */
    private static String jsonArray(String output) {
        int start = output.indexOf("\n[");
        start = start < 0 ? output.indexOf('[') : start + 1;
        return output.substring(start, output.lastIndexOf(']') + 1);
    }
}
