package dev.flareobserver.logtail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.Main;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flare-observer tail} in its own process, as a user runs it: it prints the Worker's events as
 * NDJSON, and whether it ends by --limit or by SIGTERM, the tail it created is gone from the account.
 */
class TailCommandExitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;
    private static TailAdmin admin;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().tailSamplingThreshold(1_000_000).build());
        admin = new TailAdmin(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private Process tail(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "tail"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        env.put("CLOUDFLARE_API_TOKEN", emulator.userToken());
        env.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        return builder.start();
    }

    private static List<String> readLines(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "tail-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static int tails() {
        try {
            return admin.count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sigtermDeletesTheTail() throws Exception {
        Process process = tail("checkout-api", "--format", "json");
        try {
            List<String> lines = readLines(process);
            await("the tail to exist", () -> tails() == 1);
            admin.flood("checkout-api", 200, 0);
            await("events on stdout", () -> lines.size() >= 200);
            assertThat(JSON.readTree(lines.get(0)).path("scriptName").asText()).isEqualTo("checkout-api");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(tails()).as("tails left on the account after SIGTERM").isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void limitEndsTheCommandAndDeletesTheTail() throws Exception {
        Process process = tail("payments-webhook", "--format", "json", "--limit", "50");
        try {
            List<String> lines = readLines(process);
            await("the tail to exist", () -> tails() == 1);
            admin.flood("payments-webhook", 500, 0);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after --limit").isTrue();
            assertThat(process.exitValue()).isZero();
            Thread.sleep(200); // the reader thread takes in the last lines
            assertThat(lines.stream().filter(l -> l.startsWith("{\"") && !l.contains("flareObserver"))).hasSize(50);
            assertThat(tails()).as("tails left on the account after --limit").isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
