package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        WranglerRun run = wrangler(home, emulator.userToken(), "whoami");

        assertThat(run.exitCode()).as(run.output()).isZero();
        emulator.accounts().forEach(account -> assertThat(run.output())
                .as("wrangler whoami output").contains(account.name()).contains(account.id()));
        assertThat(run.output()).doesNotContain(emulator.userToken());
    }

    @Test
    void whoamiWithAnUnknownTokenFailsTheWayCloudflareDoes(@TempDir Path home) throws Exception {
        WranglerRun run = wrangler(home, "cfut_" + "0".repeat(40), "whoami");

        assertThat(run.output()).doesNotContain(emulator.accounts().get(0).name());
        assertThat(run.output()).containsIgnoringCase("auth");
    }

    record WranglerRun(int exitCode, String output) {}

    private static WranglerRun wrangler(Path home, String token, String... args) throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("flare.peers.dir", "peers"), "node_modules", ".bin", "wrangler");
        assertThat(bin).as("wrangler from npm (mvn verify installs it into src-test/peers)").exists();
        String[] command = new String[args.length + 1];
        command[0] = bin.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CLOUDFLARE_") || name.startsWith("CF_"));
        env.put("CLOUDFLARE_API_TOKEN", token);
        env.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("NO_COLOR", "1");
        env.put("CI", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wrangler did not finish in 90 s");
        }
        return new WranglerRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
