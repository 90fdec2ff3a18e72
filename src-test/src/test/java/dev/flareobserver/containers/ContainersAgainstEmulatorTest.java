package dev.flareobserver.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.CreateApplication;
import dev.flareobserver.api.containers.CreateRollout;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.containers.NameValue;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryCredentials;
import dev.flareobserver.api.containers.RegistryPermission;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.api.containers.RolloutStatus;
import dev.flareobserver.api.containers.RolloutStepStatus;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, with two independent registry clients: a real static binary (the emulator build's flare-hello) is
 * packed into a scratch OCI image by Jib, pushed with credentials from {@code POST /registries/{domain}/credentials},
 * run by an application created through the core-api client, and answers a fetch; skopeo copies the image back out.
 */
class ContainersAgainstEmulatorTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static Emulator emulator;
    private static CloudflareClient client;
    private static String account;
    @TempDir
    static Path dir;
    private static Path binary;

    /** The system clock plus a shift a test moves (registry credentials expire in emulator time). */
    static final class ShiftedClock extends Clock {
        volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().clock(CLOCK).build());
        client = CloudflareClient.builder().baseUrl(emulator.baseUrl())
                .credentials(Credentials.token(emulator.userToken())).build();
        account = emulator.accounts().get(1).id();
        binary = JibImages.flareHello(dir);
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    private static RegistryCredentials pushCredentials(int minutes) {
        return client.containers().registries().credentials(account, RegistriesClient.MANAGED_REGISTRY, minutes,
                Set.of(RegistryPermission.PUSH, RegistryPermission.PULL));
    }

    private static String push(String name, List<String> entrypoint) throws Exception {
        RegistryCredentials creds = pushCredentials(15);
        String reference = creds.registryHost() + "/" + account + "/" + name;
        JibImages.push(binary, entrypoint, reference, creds.username(), creds.password(), dir.resolve("jib-cache"));
        return reference;
    }

    private static List<ContainerInstanceV2> awaitInstances(String app, Predicate<List<ContainerInstanceV2>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        List<ContainerInstanceV2> last = List.of();
        while (System.nanoTime() < deadline) {
            last = client.containers().applications().instances().listAllV2(account, app, InstanceListParams.all())
                    .stream().toList();
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("instances never got there: " + last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aStaticBinaryPushedWithJibRunsAndAnswersAFetch() throws Exception {
        String image = push("hello-jib:v1", List.of("/app"));
        ContainerConfiguration config = ContainerConfiguration.ofImage(image)
                .withEnvironmentVariables(List.of(new NameValue("GREETING", "Hello from a Jib image")));

        ContainerApplication app = client.containers().applications().create(account,
                CreateApplication.scheduled("jib-hello", config, 1));
        List<ContainerInstanceV2> up = awaitInstances(app.id(),
                l -> l.size() == 1 && l.get(0).state() == InstanceState.RUNNING);

        ContainerInstanceV2 instance = up.get(0);
        assertThat(instance.location().name()).isNotBlank();
        FetchRequest.Result answer = client.containers().applications().instances()
                .fetch(account, app.id(), instance.id(), FetchRequest.get("/hi"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Hello from a Jib image (" + instance.id() + ") in "
                + instance.location().name() + ", " + answer.headers().get("x-container-country") + ": GET /hi\n");
        assertThat(client.containers().applications().listAll(account, ApplicationListParams.named("jib-hello"))
                .stream().findFirst().orElseThrow().health().instances().healthy()).isEqualTo(1);
    }

    @Test
    void expiredCredentialsGet401AndNewOnesPush() throws Exception {
        RegistryCredentials creds = pushCredentials(1);
        String reference = creds.registryHost() + "/" + account + "/expiring:v1";
        CLOCK.shift = CLOCK.shift.plusMinutes(2);
        try {
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + emulator.port() + "/v2/")).header("Authorization",
                    creds.basicAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> JibImages.push(binary, List.of("/app"), reference, creds.username(),
                    creds.password(), dir.resolve("jib-cache")))
                    .isInstanceOf(RegistryUnauthorizedException.class);

            RegistryCredentials fresh = pushCredentials(15);
            JibContainer pushed = JibImages.push(binary, List.of("/app"), reference, fresh.username(), fresh.password(),
                    dir.resolve("jib-cache"));
            assertThat(pushed.getDigest().toString()).startsWith("sha256:");
        } finally {
            CLOCK.shift = CLOCK.shift.minusMinutes(2);
        }
    }

    @Test
    void anInterruptedPushResumesWithoutSendingPresentBlobsAgain() throws Exception {
        RegistryCredentials creds = pushCredentials(15);
        try (RegistryTap tap = new RegistryTap("127.0.0.1:" + emulator.port())) {
            String reference = tap.host() + "/" + account + "/resumed:v1";
            tap.cutManifestPuts(true);
            assertThatThrownBy(() -> JibImages.push(binary, List.of("/app"), reference, creds.username(),
                    creds.password(), dir.resolve("jib-cache-resume")))
                    .as("the push breaks when the manifest goes up").isInstanceOf(Exception.class);
            assertThat(tap.requests()).as("the blobs went through first").anyMatch(r -> r.startsWith("PUT ")
                    && r.contains("/blobs/uploads/") || r.startsWith("POST ") && r.contains("digest="));

            tap.clear();
            tap.cutManifestPuts(false);
            JibImages.push(binary, List.of("/app"), reference, creds.username(), creds.password(),
                    dir.resolve("jib-cache-resume"));

            List<String> second = tap.requests();
            assertThat(second).as("HEAD says the blobs are there").anyMatch(r -> r.startsWith("HEAD ")
                    && r.contains("/blobs/sha256:"));
            assertThat(second).as("no blob is uploaded again: " + second).noneMatch(r -> r.contains("/blobs/uploads"));
            assertThat(second).anyMatch(r -> r.startsWith("PUT ") && r.contains("/manifests/v1"));
        }
    }

    @Test
    void aBinaryThatExitsAtOnceFailsAndItsRolloutRevertsVisibly() throws Exception {
        String image = push("crasher:v1", List.of("/app"));
        ContainerApplication app = client.containers().applications().create(account,
                CreateApplication.scheduled("crash-test", ContainerConfiguration.ofImage(image), 1));
        awaitInstances(app.id(), l -> l.size() == 1 && l.get(0).state() == InstanceState.RUNNING);
        String crashing = push("crasher:v2", List.of("/app", "--exit-at-once", "3"));

        Rollout rollout = client.containers().applications().rollouts().create(account, app.id(),
                CreateRollout.rolling("exits at once", ContainerConfiguration.ofImage(crashing), 100));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!rollout.status().isFinished() && System.nanoTime() < deadline) {
            sleep(100);
            rollout = client.containers().applications().rollouts().get(account, app.id(), rollout.id());
        }

        assertThat(rollout.status()).isEqualTo(RolloutStatus.REVERTED);
        assertThat(rollout.steps().get(0).status()).isEqualTo(RolloutStepStatus.REVERTED);
        assertThat(rollout.steps().get(0).reason()).contains("exited with code 3");
        List<ContainerInstanceV2> instances = awaitInstances(app.id(), l -> l.stream()
                .anyMatch(i -> i.state() == InstanceState.FAILED));
        assertThat(instances).anyMatch(i -> i.state() == InstanceState.FAILED && i.status().exitCode() == 3
                && i.image().equals(crashing));
        assertThat(instances).as("the previous image still serves").anyMatch(i -> i.state() == InstanceState.RUNNING
                && i.image().equals(image));
    }

    @Test
    void skopeoCopiesThePushedImageBackOut() throws Exception {
        String reference = push("copied:v1", List.of("/app"));
        RegistryCredentials pull = client.containers().registries().credentials(account,
                RegistriesClient.MANAGED_REGISTRY, 5, Set.of(RegistryPermission.PULL));
        // The password goes in an auth file, never on the command line.
        Path auth = dir.resolve("skopeo-auth.json");
        Files.writeString(auth, "{\"auths\":{\"" + pull.registryHost() + "\":{\"auth\":\"" + Base64.getEncoder()
                .encodeToString((pull.username() + ":" + pull.password()).getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        Path layout = dir.resolve("oci-out");

        Process skopeo = new ProcessBuilder("skopeo", "copy", "--src-authfile", auth.toString(),
                "--src-tls-verify=false", "docker://" + reference, "oci:" + layout + ":v1")
                .redirectErrorStream(true).start();
        String output = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(skopeo.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(skopeo.exitValue()).as(output).isZero();
        String index = Files.readString(layout.resolve("index.json"));
        assertThat(index).contains("\"org.opencontainers.image.ref.name\":\"v1\"");
        long binaryBlobs;
        try (var blobs = Files.list(layout.resolve("blobs").resolve("sha256"))) {
            binaryBlobs = blobs.filter(p -> {
                try {
                    return Files.size(p) > 100_000; // the gzipped layer with the ~800 KB binary
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
        assertThat(binaryBlobs).as("the layer holding the binary came back").isEqualTo(1);
    }
}
