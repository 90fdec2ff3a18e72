package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare-observer containers [--json]} against one emulator with the demo pool (hello-pool). */
class ContainersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @TempDir
    Path home;

    private CliRunner cli;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void runner() {
        cli = new CliRunner(emulator, home);
    }

    @Test
    void jsonListsTheDemoPoolWithItsPoolAndInstances() throws Exception {
        JsonNode app = null;
        long deadline = System.nanoTime() + 30_000_000_000L;
        // The demo pool starts on the account's first containers request; wait for its first running member.
        while (System.nanoTime() < deadline) {
            assertThat(cli.run("containers", "--json")).as(cli.err()).isZero();
            app = JSON.readTree(cli.out()).get(0);
            if (app.get("instances_running").asInt() > 0) {
                break;
            }
            Thread.sleep(300);
        }

        assertThat(app.get("name").asText()).isEqualTo("hello-pool");
        assertThat(app.get("image").asText()).endsWith("/flare-hello:demo");
        assertThat(app.get("max_instances").asInt()).isEqualTo(10);
        assertThat(app.get("instances_running").asInt()).isPositive();
        assertThat(app.get("pool").get("target").asInt()).isEqualTo(3);
        assertThat(app.get("pool").get("batch_size").asInt()).isEqualTo(2);
        assertThat(app.get("instances").findValuesAsText("state")).contains("running");
        assertThat(app.get("instances").get(0).get("location").asText()).isNotBlank();
    }

    @Test
    void theTableHasOneLinePerApplicationWithItsPool() {
        assertThat(cli.run("containers")).isZero();

        assertThat(cli.out().lines().findFirst().orElse("")).startsWith("APPLICATION")
                .contains("RUNNING/MAX", "IMAGE", "VERSION", "ROLLOUT", "POOL READY/ALLOC/TARGET");
        assertThat(cli.out()).containsPattern("hello-pool\\s+\\d+/10\\s+\\S+flare-hello:demo\\s+1\\s+none\\s+\\d+/\\d+/3");
    }
}
