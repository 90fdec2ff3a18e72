package dev.flareobserver.bench;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryPermission;
import dev.flareobserver.containers.JibImages;
import dev.flareobserver.deploy.TestTask;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.deploy.DeployListener;
import dev.flareobserver.orchestration.deploy.DeployRequest;
import dev.flareobserver.orchestration.deploy.DeployResult;
import dev.flareobserver.orchestration.deploy.DeployWorkflow;
import dev.flareobserver.orchestration.deploy.ImageBuilder;
import dev.flareobserver.orchestration.deploy.ImagePusher;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Container deploy numbers against the in-process emulator on loopback: build + push of a scratch image holding a
 * 10 MB static binary (flare-hello with 10 MB of random bytes appended: still a runnable static ELF, and
 * incompressible, the worst case for Jib's gzip), and a whole deploy of a new application until its first instance
 * is healthy. Cold: an empty Jib cache and a binary the registry has never seen. Warm: the same binary again with
 * the cache of the run before (the layer is not compressed again; the registry answers HEAD for every blob).
 */
final class DeployBenchmarks {

    private static final int RUNS = 5;
    private static final int MB = 1024 * 1024;

    static String run() throws Exception {
        Path dir = Files.createTempDirectory("flare-deploy-bench");
        try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
             AccountConnection connection = Monitors.connect(emulator)) {
            CloudflareClient client = connection.client().orElseThrow();
            String account = connection.currentAccount().orElseThrow().id();
            Path hello = JibImages.flareHello(dir);
            ImagePusher.PushedImage warmUp = pushOnce(client, account, bigBinary(hello, dir, -1), dir.resolve("c-1"));

            double[] pushCold = new double[RUNS];
            double[] pushWarm = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                Path binary = bigBinary(hello, dir, i);
                Path cache = dir.resolve("push-cache-" + i);
                long t0 = System.nanoTime();
                pushOnce(client, account, binary, cache);
                pushCold[i] = seconds(t0);
                long t1 = System.nanoTime();
                pushOnce(client, account, binary, cache);
                pushWarm[i] = seconds(t1);
            }

            DeployWorkflow workflow = new DeployWorkflow(connection, ResourceWrites.unlockedInMemory(),
                    dir.resolve("deploy-cache"));
            double[] deployCold = new double[RUNS];
            double[] deployWarm = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                Path binary = bigBinary(hello, dir, 100 + i);
                deployCold[i] = deploy(workflow, client, account, binary, "bench-cold-" + i);
                deployWarm[i] = deploy(workflow, client, account, binary, "bench-warm-" + i);
            }
            long size = Files.size(bigBinary(hello, dir, 0));
            return String.format(Locale.ROOT, """
                    ## Containers: build + push of a 10 MB static binary, and deploy to the first healthy instance

                    Against the in-process emulator on loopback (its registry over HTTPS with a self-signed
                    certificate, instances as local processes). The binary is the emulator's static flare-hello with
                    10 MB of random bytes appended (%.1f MB; still a runnable static ELF, and incompressible, the worst
                    case for gzip). Cold: an empty Jib layer cache and a binary the registry has never seen (the layer
                    is compressed and uploaded). Warm: the same binary again with that cache (nothing is compressed,
                    the registry answers HEAD for each blob, the manifest goes up). One warm-up push first (JIT,
                    connections), then %d runs each; medians, runs in brackets.

                    | what | cold (s) | warm (s) | target |
                    | --- | ---: | ---: | --- |
                    | build + push (`ImageBuilder` + `ImagePusher`, credentials included) | %.2f %s | %.2f %s | <= 2 s: %s |
                    | deploy a new application until its first instance is healthy (`DeployWorkflow.deploy`: check, build, push, create, converge) | %.2f %s | %.2f %s | <= 5 s: %s |

                    The warm deploy reuses the pushed image under a new application name, so it measures what a
                    redeploy of an unchanged binary costs: check, HEAD checks, create, start, health check.
                    (Warm-up push digest %s.)
                    """, size / 1e6, RUNS,
                    median(pushCold), list(pushCold), median(pushWarm), list(pushWarm),
                    median(pushCold) <= 2 ? "met cold and warm" : median(pushWarm) <= 2 ? "met warm, MISSED cold"
                            : "MISSED",
                    median(deployCold), list(deployCold), median(deployWarm), list(deployWarm),
                    median(deployCold) <= 5 ? "met cold and warm" : median(deployWarm) <= 5 ? "met warm, MISSED cold"
                            : "MISSED",
                    warmUp.digest().substring(0, 19));
        }
    }

    /** flare-hello plus 10 MB of bytes from {@code seed}: a different binary (and layer) per seed. */
    private static Path bigBinary(Path hello, Path dir, int seed) throws Exception {
        Path out = dir.resolve("hello-10mb-" + seed);
        if (!Files.exists(out)) {
            byte[] extra = new byte[10 * MB];
            new Random(seed).nextBytes(extra);
            Files.copy(hello, out);
            Files.write(out, extra, StandardOpenOption.APPEND);
        }
        return out;
    }

    private static ImagePusher.PushedImage pushOnce(CloudflareClient client, String account, Path binary, Path cache)
            throws Exception {
        ImageBuilder builder = new ImageBuilder(cache);
        ImagePusher pusher = new ImagePusher(builder, () -> client.containers().registries().credentials(account,
                RegistriesClient.MANAGED_REGISTRY, 15, Set.of(RegistryPermission.PUSH, RegistryPermission.PULL)));
        return pusher.push(builder.describe(binary, "bench-push", 8080), account + "/bench-push",
                binary.getFileName().toString(), f -> { }, new TestTask());
    }

    /** Seconds from the start of the deploy until it returned (every instance healthy); then the app is deleted. */
    private static double deploy(DeployWorkflow workflow, CloudflareClient client, String account, Path binary,
                                 String app) {
        long t0 = System.nanoTime();
        DeployResult result = workflow.deploy(new DeployRequest(binary, app, 8080, Map.of(), null, Optional.empty(),
                1, DeployRequest.DEFAULT_CONVERGE_TIMEOUT), DeployListener.NONE, new TestTask());
        double seconds = seconds(t0);
        client.containers().applications().delete(account, result.applicationId());
        return seconds;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private DeployBenchmarks() {
    }
}
