package dev.flareobserver.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.CreateApplication;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.containers.NameValue;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryCredentials;
import dev.flareobserver.api.containers.RegistryPermission;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.deploy.TestTask;
import dev.flareobserver.orchestration.deploy.ImageBuilder;
import dev.flareobserver.orchestration.deploy.ImagePusher;
import dev.flareobserver.transport.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * packed into a scratch OCI image by Jib (the deploy workflow's {@link ImageBuilder} and {@link ImagePusher}), pushed
 * with credentials from {@code POST /registries/{domain}/credentials}, run by an application created through the
 * core-api client, and answers a fetch; skopeo copies the image back out. Expired credentials, resumed pushes and
 * failing rollouts are tested through the deploy workflow ({@code deploy.DeployAgainstEmulatorTest}).
 */
class ContainersAgainstEmulatorTest {

    private static Emulator emulator;
    private static CloudflareClient client;
    private static String account;
    @TempDir
    static Path dir;
    private static Path binary;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.start(EmulatorOptions.builder().build());
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

    /** Pushes flare-hello as {@code <registry>/<account>/<name>:<tag>} with the deploy workflow's builder and pusher. */
    private static String push(String name, String tag) throws Exception {
        ImageBuilder builder = new ImageBuilder(dir.resolve("jib-cache"));
        ImagePusher pusher = new ImagePusher(builder, () -> pushCredentials(15));
        return pusher.push(builder.describe(binary, name, 8080), account + "/" + name, tag, f -> { },
                new TestTask()).reference();
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
        String image = push("hello-jib", "v1");
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
    void skopeoCopiesThePushedImageBackOut() throws Exception {
        String reference = push("copied", "v1");
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
