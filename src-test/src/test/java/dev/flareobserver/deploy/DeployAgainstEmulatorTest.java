package dev.flareobserver.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryCredentials;
import dev.flareobserver.api.containers.RegistryPermission;
import dev.flareobserver.app.cli.FlareCli;
import dev.flareobserver.containers.JibImages;
import dev.flareobserver.containers.RegistryTap;
import dev.flareobserver.containers.ShiftedClock;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.deploy.ContainerImage;
import dev.flareobserver.orchestration.deploy.DeployFailedException;
import dev.flareobserver.orchestration.deploy.DeployListener;
import dev.flareobserver.orchestration.deploy.DeployRequest;
import dev.flareobserver.orchestration.deploy.DeployResult;
import dev.flareobserver.orchestration.deploy.DeployStep;
import dev.flareobserver.orchestration.deploy.DeployWorkflow;
import dev.flareobserver.orchestration.deploy.ImageBuilder;
import dev.flareobserver.orchestration.deploy.ImagePusher;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container deploy end to end against one emulator: real static binaries (flare-hello, and a gcc-built one that
 * exits at once) checked, packed by Jib, pushed, run as local processes and fetched through; refusals that send
 * nothing; expired credentials; a resumed push; a failed rollout and its rollback; read-only mode; the command line.
 */
class DeployAgainstEmulatorTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static Emulator emulator;
    private static AccountConnection connection;
    private static CloudflareClient client;
    private static String account;
    @TempDir
    static Path dir;
    private static Path hello;
    private static Path exitsAtOnce;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().clock(CLOCK).build());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        connection.connect();
        client = connection.client().orElseThrow();
        account = connection.currentAccount().orElseThrow().id();
        hello = JibImages.flareHello(dir);
        exitsAtOnce = JibImages.gccStatic(dir, "exits-at-once", "int main(void) { return 3; }\n");
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    /** Everything a deploy told its listener, one line per event. */
    static final class Recorder implements DeployListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final List<List<ContainerInstanceV2>> instanceLists = new CopyOnWriteArrayList<>();

        @Override public void started(DeployStep step, String detail) { events.add("started " + step); }
        @Override public void progress(DeployStep step, double fraction, String detail) { }
        @Override public void finished(DeployStep step, String detail) { events.add("finished " + step); }
        @Override public void skipped(DeployStep step, String reason) { events.add("skipped " + step); }
        @Override public void failed(DeployStep step, String reason) { events.add("failed " + step + ": " + reason); }
        @Override public void warning(String text) { warnings.add(text); }
        @Override public void instances(List<ContainerInstanceV2> instances) { instanceLists.add(instances); }
    }

    private static DeployWorkflow workflow(ResourceWrites writes) {
        return new DeployWorkflow(connection, writes, dir.resolve("jib-cache"));
    }

    private static DeployRequest request(Path binary, String app, Map<String, String> env) {
        return new DeployRequest(binary, app, 8080, env, null, Optional.empty(), 1, TIMEOUT);
    }

    /** GET /hi through the instance fetch API, from the application's one running instance. */
    private static String fetchFrom(String applicationId) {
        ContainerInstanceV2 running = client.containers().applications().instances()
                .listAllV2(account, applicationId, InstanceListParams.all()).stream()
                .filter(i -> i.state() == InstanceState.RUNNING).findFirst().orElseThrow();
        FetchRequest.Result answer = client.containers().applications().instances()
                .fetch(account, applicationId, running.id(), FetchRequest.get("/hi"));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aStaticBinaryIsDeployedThenModifiedAndEachTimeItsInstanceAnswers() throws Exception {
        Recorder created = new Recorder();
        Path tar = dir.resolve("out/hello.tar");
        DeployRequest first = new DeployRequest(hello, "deploy-hello", 8080, Map.of("GREETING", "First deploy"), null,
                Optional.of(tar), 1, TIMEOUT);

        DeployResult result = workflow(ResourceWrites.unlockedInMemory()).deploy(first, created, new TestTask());

        assertThat(result.applicationName()).isEqualTo("deploy-hello");
        assertThat(result.image()).startsWith(emulator.registryHost() + "/" + account + "/deploy-hello:sha-");
        assertThat(result.previousVersion()).isZero();
        assertThat(created.events).containsExactly("started CHECK", "finished CHECK", "started BUILD",
                "finished BUILD", "started PUSH", "finished PUSH", "started APPLICATION", "finished APPLICATION",
                "skipped ROLLOUT", "started CONVERGE", "finished CONVERGE");
        assertThat(created.instanceLists.get(created.instanceLists.size() - 1))
                .singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(InstanceState.RUNNING));
        assertThat(Files.size(tar)).as("the OCI tar holds the binary").isGreaterThan(Files.size(hello) / 3);
        assertThat(fetchFrom(result.applicationId())).startsWith("First deploy (");

        Recorder modified = new Recorder();
        DeployResult second = workflow(ResourceWrites.unlockedInMemory()).deploy(
                request(hello, "deploy-hello", Map.of("GREETING", "Second deploy")), modified, new TestTask());

        assertThat(second.applicationId()).isEqualTo(result.applicationId());
        assertThat(second.previousVersion()).isEqualTo(result.version());
        assertThat(second.version()).isGreaterThan(result.version());
        assertThat(second.rolloutId()).isNotBlank();
        assertThat(modified.events).contains("finished APPLICATION", "started ROLLOUT", "finished ROLLOUT",
                "finished CONVERGE");
        assertThat(fetchFrom(second.applicationId())).startsWith("Second deploy (");
    }

    @Test
    void aBinaryThatExitsAtOnceFailsTheRolloutVisiblyAndRollbackRestoresThePreviousImage() {
        ResourceWrites writes = ResourceWrites.unlockedInMemory();
        DeployResult good = workflow(writes).deploy(request(hello, "deploy-crash", Map.of("GREETING", "Old binary")),
                DeployListener.NONE, new TestTask());
        Recorder crash = new Recorder();

        assertThatThrownBy(() -> workflow(writes).deploy(request(exitsAtOnce, "deploy-crash", Map.of()), crash,
                new TestTask()))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.step()).isEqualTo(DeployStep.ROLLOUT);
                    assertThat(e.getMessage()).contains("was reverted").contains("exited with code 3")
                            .contains("run version " + good.version() + " again").contains("roll back");
                });
        assertThat(crash.events).last().asString().startsWith("failed ROLLOUT: The rollout to");
        assertThat(fetchFrom(good.applicationId())).as("the old instances still serve").startsWith("Old binary (");

        Recorder back = new Recorder();
        DeployResult rolledBack = workflow(writes).rollback("deploy-crash", back, new TestTask());

        assertThat(rolledBack.image()).isEqualTo(good.image());
        assertThat(back.events).containsExactly("skipped CHECK", "skipped BUILD", "skipped PUSH",
                "started APPLICATION", "finished APPLICATION", "started ROLLOUT", "finished ROLLOUT",
                "started CONVERGE", "finished CONVERGE");
        assertThat(client.containers().applications().get(account, good.applicationId()).configuration().image())
                .isEqualTo(good.image());
        assertThat(fetchFrom(good.applicationId())).startsWith("Old binary (");
        assertThat(writes.audit().entries()).extracting(a -> a.action() + " " + a.succeeded())
                .contains("create application true", "modify application true", "start rollout true");
    }

    @Test
    void dynamicArmAndNonElfFilesAreRefusedWithTheirReasonBeforeAnyRequest() throws Exception {
        Path arm = dir.resolve("arm-hello");
        byte[] bytes = Files.readAllBytes(hello);
        bytes[18] = (byte) 183; // e_machine: AArch64
        bytes[19] = 0;
        Files.write(arm, bytes);
        Path jar = dir.resolve("app.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0, 0, 0});
        emulator.stats().reset();

        Recorder dynamic = new Recorder();
        assertThatThrownBy(() -> workflow(ResourceWrites.unlockedInMemory()).deploy(
                request(Path.of("/bin/ls"), "refused", Map.of()), dynamic, new TestTask()))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.step()).isEqualTo(DeployStep.CHECK);
                    assertThat(e.getMessage()).contains("dynamically linked").contains("libc.so.6");
                });
        assertThat(dynamic.warnings).singleElement().asString().contains("libc.so.6");
        assertThat(refusal(arm)).contains("built for AArch64 (ARM); Cloudflare Containers run linux/amd64 only");
        assertThat(refusal(jar)).contains("not an ELF file (looks like a ZIP/JAR)");

        assertThat(emulator.stats().snapshot().total()).as("no request at all").isZero();
    }

    private static String refusal(Path file) {
        try {
            workflow(ResourceWrites.unlockedInMemory()).deploy(request(file, "refused", Map.of()), DeployListener.NONE,
                    new TestTask());
        } catch (DeployFailedException e) {
            assertThat(e.step()).isEqualTo(DeployStep.CHECK);
            return e.getMessage();
        }
        throw new AssertionError(file + " was not refused");
    }

    @Test
    void readOnlyModeRefusesADeployBeforeAnyRequest() {
        ResourceWrites locked = new ResourceWrites(WriteAccess.locked(), AuditTrail.inMemory(), Clock.systemUTC());
        emulator.stats().reset();

        assertThatThrownBy(() -> workflow(locked).deploy(request(hello, "read-only", Map.of()), DeployListener.NONE,
                new TestTask())).isInstanceOf(ReadOnlyException.class).hasMessageContaining("was not sent");

        assertThat(emulator.stats().snapshot().total()).isZero();
        assertThat(locked.audit().entries()).isEmpty();
    }

    @Test
    void expiredCredentialsAreIssuedAgainAndThePushSucceeds() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        ImageBuilder builder = new ImageBuilder(dir.resolve("jib-cache-expiry"));
        // The first credentials live one minute and the clock moves on two: the registry answers 401.
        ImagePusher pusher = new ImagePusher(builder, () -> {
            RegistryCredentials c = credentials(issued.incrementAndGet() == 1 ? 1 : 15);
            if (issued.get() == 1) {
                CLOCK.shift(Duration.ofMinutes(2));
            }
            return c;
        });

        ImagePusher.PushedImage pushed = pusher.push(builder.describe(hello, "expiring", 8080),
                account + "/expiring", "v1", f -> { }, new TestTask());

        assertThat(issued).hasValue(2);
        assertThat(pushed.digest()).startsWith("sha256:");
    }

    @Test
    void anInterruptedPushResumesWithoutSendingPresentBlobsAgain() throws Exception {
        ImageBuilder builder = new ImageBuilder(dir.resolve("jib-cache-resume"));
        ContainerImage image = builder.describe(hello, "resumed", 8080);
        try (RegistryTap tap = new RegistryTap("127.0.0.1:" + emulator.port())) {
            ImagePusher viaTap = new ImagePusher(builder, () -> {
                RegistryCredentials c = credentials(15);
                return new RegistryCredentials(c.accountId(), tap.host(), c.username(), c.password());
            });
            tap.cutManifestPuts(true);
            assertThatThrownBy(() -> viaTap.push(image, account + "/resumed", "v1", f -> { }, new TestTask()))
                    .as("the push breaks when the manifest goes up").isInstanceOf(Exception.class);
            assertThat(tap.requests()).as("the blobs went through first").anyMatch(r -> r.startsWith("PUT ")
                    && r.contains("/blobs/uploads/") || r.startsWith("POST ") && r.contains("digest="));

            tap.clear();
            tap.cutManifestPuts(false);
            viaTap.push(image, account + "/resumed", "v1", f -> { }, new TestTask());

            List<String> second = tap.requests();
            assertThat(second).as("HEAD says the blobs are there").anyMatch(r -> r.startsWith("HEAD ")
                    && r.contains("/blobs/sha256:"));
            assertThat(second).as("no blob is uploaded again: " + second).noneMatch(r -> r.contains("/blobs/uploads"));
            assertThat(second).anyMatch(r -> r.startsWith("PUT ") && r.contains("/manifests/v1"));
        }
    }

    private static RegistryCredentials credentials(int minutes) {
        return client.containers().registries().credentials(account, RegistriesClient.MANAGED_REGISTRY, minutes,
                Set.of(RegistryPermission.PUSH, RegistryPermission.PULL));
    }

    @Test
    void theCommandLineDeploysAndExplainsARefusal() throws Exception {
        Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(),
                "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(), "CLOUDFLARE_ACCOUNT_ID", account,
                "XDG_STATE_HOME", dir.resolve("state").toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString());

        Run ok = cli(env, "deploy-container", hello.toString(), "--app", "cli-hello", "--env", "GREETING=From the CLI",
                "--timeout", "40s");

        assertThat(ok.code).as(ok.err).isEqualTo(FlareCli.OK);
        assertThat(ok.out).contains("[1/6] Check the binary: a static x86-64 executable")
                .contains("[4/6] Create or modify the application: created cli-hello")
                .contains("[6/6] Wait for healthy instances: 1 of 1 instances healthy")
                .contains("Deployed " + emulator.registryHost() + "/" + account + "/cli-hello:sha-");

        Run refused = cli(env, "deploy-container", dir.resolve("app.jar").toString(), "--app", "cli-refused");
        assertThat(refused.code).isEqualTo(FlareCli.FAILURE);
        assertThat(refused.err).contains("Error: Check the binary failed. app.jar cannot run on Cloudflare Containers:"
                + " it is not an ELF file");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(Map<String, String> env, String... args) throws Exception {
        Files.write(dir.resolve("app.jar"), new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0, 0, 0});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlareCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
