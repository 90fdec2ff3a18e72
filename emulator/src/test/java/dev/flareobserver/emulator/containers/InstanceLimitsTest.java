package dev.flareobserver.emulator.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.registry.EmulatorHttp;
import dev.flareobserver.emulator.registry.OciImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits the emulator applies to real instance processes (flare-hello with its test options): memory over the
 * instance's {@code memory_mib} is an out-of-memory kill, the maximum run time stops an instance (SIGKILL once the
 * grace period is over), and the sampler measures what runs.
 */
class InstanceLimitsTest {

    private static final Duration MAX_RUNTIME = Duration.ofSeconds(3);
    private static Emulator emu;
    private static EmulatorHttp http;
    private static String account;
    private static String base;
    private static String image;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder().containerMaxRuntime(MAX_RUNTIME).build());
        http = new EmulatorHttp(emu);
        account = emu.accounts().get(1).id();
        base = "/accounts/" + account + "/containers";
        String push = http.registryCredentials(account, 15, "push", "pull");
        OciImages.push(http, push, account + "/hello", "v1",
                OciImages.image("flare-hello", OciImages.flareHello(), List.of("/flare-hello")));
        image = "registry.cloudflare.com/" + account + "/hello:v1";
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private static String createApp(String name, String configurationExtra) {
        return http.result("POST", base + "/applications", "{\"name\":\"" + name + "\",\"instances\":1,"
                + "\"configuration\":{\"image\":\"" + image + "\"," + configurationExtra + "}}").get("id").asText();
    }

    private static List<JsonNode> await(String app, String what, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> last = List.of();
        while (System.nanoTime() < deadline) {
            last = new ArrayList<>();
            http.result("GET", base + "/applications/" + app + "/instances-v2", null).forEach(last::add);
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; instances: " + last);
    }

    private static boolean state(List<JsonNode> l, String state) {
        return !l.isEmpty() && l.get(0).at("/status/state").asText().equals(state);
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
    void anInstanceOverItsMemoryIsKilledAndReportedFailed() {
        String app = createApp("memory-hog", "\"memory_mib\":16,\"command\":[\"--allocate-mib\",\"48\"]");

        List<JsonNode> failed = await(app, "the out-of-memory kill", l -> state(l, "failed"));
        assertThat(failed.get(0).get("failure").asText()).startsWith("VMFailed: out of memory")
                .contains("more than the 16 MiB");
        JsonNode errors = http.result("GET", base + "/applications/" + app, null).at("/health/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).at("/event/name").asText()).isEqualTo("VMFailed");
        assertThat(errors.get(0).at("/event/message").asText()).contains("out of memory");
        Instance instance = emu.containers().instances().get(failed.get(0).get("id").asText()).orElseThrow();
        await(app, "the process to be gone", l -> instance.process() != null && !instance.process().isAlive());
        assertThat(instance.output()).as("it got as far as allocating").anyMatch(l -> l.contains("allocated 48 MiB"));
    }

    @Test
    void anInstancePastTheMaximumRunTimeIsStoppedAndKilledWhenItIgnoresSigterm() {
        String app = createApp("stubborn", "\"command\":[\"--ignore-sigterm\"],"
                + "\"lifecycle\":{\"max_termination_duration\":1}");
        List<JsonNode> running = await(app, "a running instance", l -> state(l, "running"));
        Instance instance = emu.containers().instances().get(running.get(0).get("id").asText()).orElseThrow();
        Instant started = instance.snapshot().startedAt();

        await(app, "the stop at the maximum run time", l -> state(l, "stopping") || state(l, "stopped"));
        List<JsonNode> stopped = await(app, "the SIGKILL after the grace period", l -> state(l, "stopped"));
        Instance.Snapshot s = instance.snapshot();
        assertThat(s.stopReason()).isEqualTo("reached the maximum run time of 3 s");
        assertThat(Duration.between(started, s.updatedAt())).as("run time, then 1 s of ignored SIGTERM")
                .isGreaterThanOrEqualTo(MAX_RUNTIME.plusSeconds(1));
        assertThat(stopped.get(0).at("/status/exit_code").asInt()).as("killed by SIGKILL").isEqualTo(137);
    }

    @Test
    void theSamplerMeasuresRunningInstances() {
        String app = createApp("measured", "\"command\":[\"--allocate-mib\",\"96\"]");
        String id = await(app, "a running instance", l -> state(l, "running")).get(0).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<InstanceSample> samples = List.of();
        while (System.nanoTime() < deadline && samples.size() < 2) {
            samples = emu.containers().instances().samples(account, Instant.EPOCH, Instant.now().plusSeconds(5))
                    .stream().filter(s -> s.instanceId().equals(id)).toList();
            sleep(200);
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        InstanceSample last = samples.get(samples.size() - 1);
        assertThat(last.memoryBytes()).as("the 96 MiB it touched are resident").isGreaterThan(96L << 20);
        assertThat(last.memoryLimitBytes()).as("lite").isEqualTo(256L << 20);
        assertThat(last.diskBytes()).as("the unpacked image").isGreaterThan(100_000);
        assertThat(last.applicationId()).isEqualTo(app);
        assertThat(samples.stream().mapToDouble(InstanceSample::cpuSeconds).sum()).as("faulting 96 MiB in takes CPU time")
                .isGreaterThan(0);
    }
}
