package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real wrangler CLI (from npm, src-test/peers) against an emulator, as a user would. */
final class Wrangler {

    record Run(int exitCode, String output) {}

    static Run run(Emulator emulator, Path workDir, String token, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("flare.peers.dir", "peers"), "node_modules", ".bin", "wrangler")
                .toAbsolutePath();
        assertThat(bin).as("wrangler from npm (mvn verify installs it into src-test/peers)").exists();
        String[] command = new String[args.length + 1];
        command[0] = bin.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CLOUDFLARE_") || name.startsWith("CF_"));
        env.put("CLOUDFLARE_API_TOKEN", token);
        env.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl());
        env.put("HOME", workDir.toString());
        env.put("XDG_CONFIG_HOME", workDir.resolve(".config").toString());
        env.put("WRANGLER_SEND_METRICS", "false");
        env.put("NO_COLOR", "1");
        env.put("CI", "true");
        env.putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wrangler did not finish in 120 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Wrangler() {}
}
