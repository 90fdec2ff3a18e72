package dev.flareobserver.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.app.Main;
import dev.flareobserver.app.cli.FlareCli;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import dev.flareobserver.orchestration.provision.LiveResource;
import dev.flareobserver.orchestration.provision.ResourceKind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code flare-observer apply} in its own JVM, killed with SIGKILL at each of its four create steps (KV, D1, R2, queue), both before its request
 * and after the answer but before the journal records it; each step is once resumed and once rolled back. The next run finds the journal and refuses to start
 * over; {@code --resume} or {@code --rollback} then ends clean: everything created once, or the account as before.
 */
class ApplyKillTest {

    private static final String CONFIG = """
            name = "pv-kill"
            # one resource of each kind: four steps
            [[kv_namespaces]]
            binding = "CACHE"   # id written by apply

            [[d1_databases]]
            binding = "DB"
            database_name = "pv-kill-db"   # database_id written by apply

            [[r2_buckets]]
            binding = "FILES"
            bucket_name = "pv-kill-files"

            [queues]
            producers = [
              { binding = "JOBS", queue = "pv-kill-jobs" },
            ]
            """;

    private static Emulator emulator;
    private static CloudflareClient client;
    private static CloudflareAccountResources account;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.builder().build());
        client = EmulatorAccount.client(emulator);
        account = EmulatorAccount.resources(emulator, client);
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @ParameterizedTest(name = "killed {0} step {1}, then {2}")
    @CsvSource({"before,0,--rollback", "after,0,--resume", "before,1,--resume", "after,1,--rollback",
            "before,2,--rollback", "after,2,--resume", "before,3,--resume", "after,3,--rollback"})
    void killedMidApplyThenResumedOrRolledBack(String point, int step, String decision) throws Exception {
        EmulatorAccount.clean(account, "pv-kill-");
        var before = EmulatorAccount.dump(account);
        Path file = home.resolve("wrangler.toml");
        Files.writeString(file, CONFIG);

        Process process = applyInItsOwnJvm(file, point + ":" + step);
        try {
            awaitPaused(process, point + ":" + step);
            process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        int createdBeforeKill = step + (point.equals("after") ? 1 : 0);
        assertThat(EmulatorAccount.dump(account).values().stream().flatMap(List::stream)
                .filter(s -> s.startsWith("pv-kill-"))).hasSize(createdBeforeKill);

        String[] next = cli("apply", file.toString(), "--yes");
        assertThat(next[0]).isEqualTo("1");
        assertThat(next[2]).contains("did not finish").contains("--resume").contains("--rollback");

        String[] decided = cli("apply", file.toString(), decision);
        assertThat(decided[0]).as(decided[1] + decided[2]).isEqualTo("0");
        if (decision.equals("--rollback")) {
            assertThat(EmulatorAccount.dump(account)).isEqualTo(before);
            assertThat(Files.readString(file)).isEqualTo(CONFIG);
        } else {
            LiveResource namespace = createdOnce(ResourceKind.KV_NAMESPACE, "pv-kill-cache");
            LiveResource database = createdOnce(ResourceKind.D1_DATABASE, "pv-kill-db");
            createdOnce(ResourceKind.R2_BUCKET, "pv-kill-files");
            createdOnce(ResourceKind.QUEUE, "pv-kill-jobs");
            String written = Files.readString(file);
            assertThat(written).contains("id = \"" + namespace.id() + "\"", "database_id = \"" + database.id() + "\"");
            assertThat(written.lines().filter(line -> !line.matches("(database_)?id = \".*\"")))
                    .as("only the id lines were added").containsExactlyElementsOf(CONFIG.lines().toList());
            assertThat(cli("plan", file.toString())[0]).as("nothing left to do").isEqualTo("0");
        }
        assertThat(cli("apply", file.toString(), decision)[2]).contains("No unfinished apply");
    }

    private static LiveResource createdOnce(ResourceKind kind, String name) {
        List<LiveResource> found = account.list(kind).stream().filter(r -> r.name().equals(name)).toList();
        assertThat(found).as(kind.label() + " " + name + " created once").hasSize(1);
        return found.get(0);
    }

    private Process applyInItsOwnJvm(Path file, String pause) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dflare.provision.pause=" + pause, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "apply", file.toString(), "--yes"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        builder.environment().putAll(EmulatorAccount.cliEnv(emulator, home));
        return builder.start();
    }

    private static void awaitPaused(Process process, String pause) throws Exception {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line; (line = err.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.equals("PAUSED " + pause)) {
                    return;
                }
            }
            throw new AssertionError("apply ended without pausing at " + pause + ":\n" + seen);
        }
    }

    private String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlareCli.run(args, EmulatorAccount.cliEnv(emulator, home), new PrintStream(out), new PrintStream(err));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }
}
