package dev.flareobserver.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real wrangler CLI (from npm, src-test/peers) against an emulator, as a user would. */
final class Wrangler {

    record Run(int exitCode, String output) {}

    static Run run(Emulator emulator, Path workDir, String token, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        Process process = builder(emulator, workDir, token, extraEnv, args).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wrangler did not finish in 120 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * A wrangler command that runs until stopped (e.g. {@code wrangler tail}); stdout and stderr are kept
     * apart. Closing kills it if it still runs (a test that failed before {@link #stop}).
     */
    static final class Streaming implements AutoCloseable {
        private final Process process;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread[] pumps;

        private Streaming(Process process) {
            this.process = process;
            this.pumps = new Thread[] {pump(process.getInputStream(), stdout), pump(process.getErrorStream(), stderr)};
        }

        private static Thread pump(InputStream in, ByteArrayOutputStream into) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (into) {
                            into.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The process went away: what was read is kept.
                }
            }, "wrangler-output");
            t.setDaemon(true);
            t.start();
            return t;
        }

        String stdout() {
            synchronized (stdout) {
                return stdout.toString(StandardCharsets.UTF_8);
            }
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString(StandardCharsets.UTF_8);
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Sends SIGTERM (what Ctrl-C-like shutdown looks like to wrangler) and waits for the exit code. */
        int stop(Duration timeout) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("wrangler did not exit within " + timeout + " of SIGTERM");
            }
            for (Thread t : pumps) {
                t.join(5_000);
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    static Streaming start(Emulator emulator, Path workDir, String token, Map<String, String> extraEnv, String... args)
            throws IOException {
        Process process = builder(emulator, workDir, token, extraEnv, args).start();
        process.getOutputStream().close();
        return new Streaming(process);
    }

    private static ProcessBuilder builder(Emulator emulator, Path workDir, String token, Map<String, String> extraEnv,
            String... args) {
        Path bin = Path.of(System.getProperty("flare.peers.dir", "peers"), "node_modules", ".bin", "wrangler")
                .toAbsolutePath();
        assertThat(bin).as("wrangler from npm (mvn verify installs it into src-test/peers)").exists();
        String[] command = new String[args.length + 1];
        command[0] = bin.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
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
        return builder;
    }

    private Wrangler() {}
}
