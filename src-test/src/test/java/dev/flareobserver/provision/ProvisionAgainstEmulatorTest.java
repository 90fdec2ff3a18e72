package dev.flareobserver.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.app.cli.FlareCli;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.orchestration.provision.ApplyFailedException;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import dev.flareobserver.orchestration.provision.ProvisionJournals;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.ProvisionPlanner;
import dev.flareobserver.orchestration.provision.ProvisionWorkflow;
import dev.flareobserver.orchestration.provision.ResourceKind;
import dev.flareobserver.orchestration.provision.WranglerConfigReader;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plan and apply with the real client against the emulator: request counts, injected faults, the CLI's exit codes. */
class ProvisionAgainstEmulatorTest {

    private static Emulator emulator;
    private static CloudflareClient client;
    private static CloudflareAccountResources account;

    @TempDir
    Path dir;

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

    @BeforeEach
    void clean() {
        emulator.faults().clear();
        EmulatorAccount.clean(account, "pv-");
    }

    /**
     * A commented config: {@code kv} KV bindings without ids (titles {@code <worker>-kvN}), {@code d1} databases by
     * name ({@code pv-d1-N}, ids written back), {@code r2} buckets ({@code pv-r2-N}) and {@code q} queues ({@code pv-q-N}).
     */
    private static String mixed(int kv, int d1, int r2, int q) {
        StringBuilder s = new StringBuilder("name = \"pv\"  # the Worker\n");
        for (int i = 0; i < kv; i++) {
            s.append("\n[[kv_namespaces]]\nbinding = \"KV").append(i).append("\"  # namespace ").append(i).append('\n');
        }
        for (int i = 0; i < d1; i++) {
            s.append("\n[[d1_databases]]\nbinding = \"DB").append(i).append("\"\ndatabase_name = \"pv-d1-").append(i)
                    .append("\"  # database ").append(i).append('\n');
        }
        for (int i = 0; i < r2; i++) {
            s.append("\n# bucket ").append(i).append("\n[[r2_buckets]]\nbinding = \"BUCKET").append(i)
                    .append("\"\nbucket_name = \"pv-r2-").append(i).append("\"\n");
        }
        return s + "\n" + queues("pv-q-", q).substring("name = \"pv\"\n".length());
    }

    private static String queues(String prefix, int n) {
        return "name = \"pv\"\n[queues]\nproducers = [\n" + IntStream.range(0, n)
                .mapToObj(i -> "  { binding = \"Q" + i + "\", queue = \"" + prefix + i + "\" },  # queue " + i)
                .collect(Collectors.joining("\n")) + "\n]\n";
    }

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlareCli.run(args, EmulatorAccount.cliEnv(emulator, dir), new PrintStream(out), new PrintStream(err));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlanForFiftyBindingsCostsAtMostFiveRequests() throws Exception {
        Path file = dir.resolve("wrangler.toml");
        Files.writeString(file, mixed(13, 12, 12, 13));
        emulator.stats().reset();
        ProvisionPlan plan = ProvisionPlanner.plan(WranglerConfigReader.read(file, null), account);
        assertThat(plan.items()).hasSize(50);
        assertThat(plan.creates()).hasSize(50);
        var stats = emulator.stats().snapshot();
        assertThat(stats.total()).as("requests for a 50-binding plan: %s", stats.requests()).isLessThanOrEqualTo(5);
        assertThat(stats.count("GET /accounts/{account_id}/queues")).isEqualTo(1);
        assertThat(stats.count("GET /accounts/{account_id}/storage/kv/namespaces")).isEqualTo(1);
        assertThat(stats.count("GET /accounts/{account_id}/d1/database")).isEqualTo(1);
        assertThat(stats.count("GET /accounts/{account_id}/r2/buckets")).isEqualTo(1);
    }

    /** A 500 on the create of step k: afterwards the account equals its state before, and the config is untouched. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aFaultAtEachStepLeavesTheAccountAsItWas(int failing) throws Exception {
        Path file = dir.resolve("wrangler.toml");
        String text = mixed(1, 1, 1, 1).replace("name = \"pv\"", "name = \"pv-fault\"");
        Files.writeString(file, text);
        var before = EmulatorAccount.dump(account);
        ProvisionWorkflow.StepHook fault = (point, step) -> {
            if (point.equals("before") && step.index() == failing) {
                emulator.faults().add(FaultRule.status(EmulatorAccount.createPath(step.kind()), 500).onMethod("POST").times(1));
            }
        };
        ProvisionWorkflow workflow = new ProvisionWorkflow(account, ResourceWrites.unlockedInMemory(),
                new ProvisionJournals(dir.resolve("journals"), Clock.systemUTC()), fault);
        ApplyFailedException e = catchThrowableOfType(
                () -> workflow.apply(ProvisionPlanner.plan(WranglerConfigReader.read(file, null), account)),
                ApplyFailedException.class);
        assertThat(e.done()).hasSize(failing);
        assertThat(e.rolledBack()).isEqualTo(e.done());
        assertThat(EmulatorAccount.dump(account)).isEqualTo(before);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aFailedRollbackIsReportedAndCanBeRepeatedFromTheHistory() throws Exception {
        Path file = dir.resolve("wrangler.toml");
        Files.writeString(file, queues("pv-undo-", 2));
        var before = EmulatorAccount.dump(account);
        ProvisionJournals journals = new ProvisionJournals(dir.resolve("journals"), Clock.systemUTC());
        ProvisionWorkflow.StepHook fault = (point, step) -> {
            if (point.equals("before") && step.index() == 1) {
                emulator.faults().add(FaultRule.status("/accounts/*/queues", 500).onMethod("POST").times(1));
                emulator.faults().add(FaultRule.status("/accounts/*/queues/*", 503).onMethod("DELETE").lasting(java.time.Duration.ofMinutes(5)));
            }
        };
        ProvisionWorkflow workflow = new ProvisionWorkflow(account, ResourceWrites.unlockedInMemory(), journals, fault);
        ApplyFailedException e = catchThrowableOfType(
                () -> workflow.apply(ProvisionPlanner.plan(WranglerConfigReader.read(file, null), account)),
                ApplyFailedException.class);
        assertThat(e.notRolledBack()).singleElement().asString().startsWith("queue pv-undo-0");
        assertThat(EmulatorAccount.dump(account)).isNotEqualTo(before);

        emulator.faults().clear();
        new ProvisionWorkflow(account, ResourceWrites.unlockedInMemory(), journals)
                .rollback(journals.list().get(0), dev.flareobserver.orchestration.task.TaskRunner.sameThread()
                        .submit("t", c -> c).result().join(), line -> { });
        assertThat(EmulatorAccount.dump(account)).isEqualTo(before);
    }

    @Test
    void invalidConfigsAreReportedBeforeAnyRequest() throws Exception {
        Path file = dir.resolve("wrangler.toml");
        Files.writeString(file, "name = \"pv\"\n[[queues.producer]]\nbinding = \"Q\"\nqueue = \"pv-x\"\n");
        emulator.stats().reset();
        Cli plan = cli("plan", file.toString());
        Cli apply = cli("apply", file.toString(), "--yes");
        assertThat(plan.code()).isEqualTo(1);
        assertThat(apply.code()).isEqualTo(1);
        assertThat(plan.err()).contains(file + ":2:1: unknown queues key \"producer\"").contains("did you mean \"producers\"");
        Files.writeString(file, "name = \"pv\"\n[queues]\nproducers = [ { binding = \"Q\", queue = \"pv-x\" ]\n");
        Cli syntax = cli("plan", file.toString());
        assertThat(syntax.code()).isEqualTo(1);
        assertThat(syntax.err()).contains(file + ":3:").contains("syntax error");
        assertThat(emulator.stats().snapshot().total()).as("requests sent for invalid configs").isZero();
    }

    @Test
    void planApplyPlanThroughTheCommandLine() throws Exception {
        Path file = dir.resolve("wrangler.toml");
        String text = mixed(1, 0, 0, 1).replace("name = \"pv\"", "name = \"pv-cli\"");
        Files.writeString(file, text);
        Cli first = cli("plan", file.toString());
        assertThat(first.code()).as(first.err()).isEqualTo(2);
        assertThat(first.out()).contains("+ CREATE KV namespace KV0 (pv-cli-kv0)").contains("+ CREATE queue Q0 (pv-q-0)");
        Cli notConfirmed = cli("apply", file.toString());
        assertThat(notConfirmed.code()).isEqualTo(1);
        assertThat(notConfirmed.err()).contains("--yes");
        Cli apply = cli("apply", file.toString(), "--yes");
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Applied: created 2; ids written into " + file);
        String id = account.list(ResourceKind.KV_NAMESPACE).stream().filter(n -> n.name().equals("pv-cli-kv0"))
                .findFirst().orElseThrow().id();
        assertThat(Files.readString(file)).as("only the id line is new").isEqualTo(text.replace(
                "binding = \"KV0\"  # namespace 0\n", "binding = \"KV0\"  # namespace 0\nid = \"" + id + "\"\n"));
        Cli again = cli("plan", file.toString(), "--json");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("\"action\" : \"keep\"").doesNotContain("\"create\"");
        Cli noop = cli("apply", file.toString(), "--yes");
        assertThat(noop.out()).contains("No changes to apply.");
        assertThat(Files.readString(dir.resolve("state/flare-observer/audit.ndjson")))
                .contains("\"action\":\"create queue (provision)\",\"target\":\"pv-q-0\"")
                .contains("\"action\":\"create KV namespace (provision)\",\"target\":\"pv-cli-kv0\"");
    }

    @Test
    void exportsTheAccountAsAConfigThatPlansAsAllKeep() throws Exception {
        Cli export = cli("export", "--format", "jsonc");
        assertThat(export.code()).as(export.err()).isZero();
        Path file = dir.resolve("wrangler.jsonc");
        Files.writeString(file, export.out());
        Cli plan = cli("plan", file.toString());
        assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("= KEEP queue ORDER_EVENTS (order-events)");
    }
}
