package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real wrangler CLI (from npm, src-test/peers) pointed at the emulator with CLOUDFLARE_API_BASE_URL. */
class WranglerWhoamiPeerTest {

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
    void whoamiShowsTheDemoAccounts(@TempDir Path home) throws Exception {
        Wrangler.Run run = Wrangler.run(emulator, home, emulator.userToken(), Map.of(), "whoami");

        assertThat(run.exitCode()).as(run.output()).isZero();
        emulator.accounts().forEach(account -> assertThat(run.output())
                .as("wrangler whoami output").contains(account.name()).contains(account.id()));
        assertThat(run.output()).doesNotContain(emulator.userToken());
    }

    @Test
    void whoamiWithAnUnknownTokenFailsTheWayCloudflareDoes(@TempDir Path home) throws Exception {
        Wrangler.Run run = Wrangler.run(emulator, home, "cfut_" + "0".repeat(40), Map.of(), "whoami");

        assertThat(run.output()).doesNotContain(emulator.accounts().get(0).name());
        assertThat(run.output()).containsIgnoringCase("auth");
    }
}
