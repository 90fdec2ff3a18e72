package dev.flareobserver.emulator.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.registry.EmulatorHttp;
import dev.flareobserver.emulator.registry.OciImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The containers REST API with real instances: the emulator's own flare-hello binary (compiled by the build) is
 * pushed as a scratch image, and applications run it as local processes.
 */
class ContainersApiTest {

    private static Emulator emu;
    private static EmulatorHttp http;
    private static String account;
    private static String base;
    private static String image;

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder().build());
        http = new EmulatorHttp(emu);
        // The second demo account has no demo pool: only this test's instances run there.
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

    private static String createApp(String name, int instances, String greeting) {
        JsonNode app = http.result("POST", base + "/applications", "{\"name\":\"" + name + "\",\"instances\":" + instances
                + ",\"configuration\":{\"image\":\"" + image + "\",\"instance_type\":\"basic\","
                + "\"environment_variables\":[{\"name\":\"GREETING\",\"value\":\"" + greeting + "\"}]}}");
        return app.get("id").asText();
    }

    private static List<JsonNode> instances(String app) {
        List<JsonNode> out = new ArrayList<>();
        http.result("GET", base + "/applications/" + app + "/instances-v2", null).forEach(out::add);
        return out;
    }

    private static List<JsonNode> await(String app, String what, Predicate<List<JsonNode>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        List<JsonNode> last = List.of();
        while (System.nanoTime() < deadline) {
            last = instances(app);
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; instances: " + last);
    }

    private static JsonNode awaitRollout(String app, String rollout) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode r = null;
        while (System.nanoTime() < deadline) {
            r = http.result("GET", base + "/applications/" + app + "/rollouts/" + rollout, null);
            String s = r.get("status").asText();
            if (s.equals("completed") || s.equals("reverted")) {
                return r;
            }
            sleep(100);
        }
        throw new AssertionError("rollout did not finish: " + r);
    }

    private static long running(List<JsonNode> list) {
        return list.stream().filter(i -> i.at("/status/state").asText().equals("running")).count();
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
    void anApplicationRunsItsImageAnswersFetchAndExecAndShowsHealth() {
        String app = createApp("fetch-exec", 1, "Bonjour");

        List<JsonNode> up = await(app, "one running instance", l -> running(l) == 1);
        JsonNode instance = up.get(0);
        String id = instance.get("id").asText();
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(instance.at("/location/region").asText()).isIn("AFR", "APAC", "EEUR", "ENAM", "WNAM", "ME", "OC",
                "SAM", "WEUR");
        assertThat(instance.at("/configuration/memory").asInt()).as("basic = 1 GiB").isEqualTo(1024);

        JsonNode fetched = http.result("POST", base + "/applications/" + app + "/instances/" + id + "/fetch",
                "{\"url\":\"/greet\"}");
        assertThat(fetched.get("status").asInt()).isEqualTo(200);
        assertThat(fetched.get("body").asText()).startsWith("Bonjour (" + id + ") in "
                + instance.at("/location/name").asText()).contains("GET /greet");
        assertThat(fetched.at("/headers/x-container-region").asText()).isEqualTo(instance.at("/location/region").asText());

        JsonNode exec = http.result("POST", base + "/applications/" + app + "/instances/" + id + "/exec",
                "{\"command\":[\"/flare-hello\",\"--exit-at-once\",\"4\"]}");
        assertThat(exec.get("exit_code").asInt()).isEqualTo(4);
        assertThat(new String(Base64.getDecoder().decode(exec.get("stderr").asText()), StandardCharsets.UTF_8))
                .contains("exiting at once with code 4");

        assertThat(emu.containers().instances().get(id).orElseThrow().output())
                .anyMatch(l -> l.contains("listening on port")).anyMatch(l -> l.contains("GET /greet -> 200"));
        JsonNode v1 = http.result("GET", base + "/applications/" + app + "/instances/" + id, null);
        assertThat(v1.at("/status/status").asText()).isEqualTo("healthy");
        JsonNode health = http.result("GET", base + "/applications/" + app, null).get("health");
        assertThat(health.at("/instances/healthy").asInt()).isEqualTo(1);
        assertThat(health.get("summary").asText()).isEqualTo("healthy");
    }

    @Test
    void deletingAnInstanceStopsItsProcessWithSigterm() {
        String app = createApp("delete-me", 1, "Bye");
        String id = await(app, "running", l -> running(l) == 1).get(0).get("id").asText();
        Instance instance = emu.containers().instances().get(id).orElseThrow();

        assertThat(http.api("DELETE", base + "/applications/" + app + "/instances/" + id, null).status()).isEqualTo(200);

        await(app, "the instance to be gone", List::isEmpty);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (instance.output().stream().noneMatch(l -> l.contains("SIGTERM")) && System.nanoTime() < deadline) {
            sleep(50); // the last line may still be on its way from the output pump
        }
        assertThat(instance.output()).as("flare-hello logs the SIGTERM it got; " + instance.snapshot()).anyMatch(l -> l.contains("SIGTERM"));
        assertThat(instance.snapshot().exitCode()).isZero();
    }

    @Test
    void aRolloutReplacesInstancesStepByStep() {
        String app = createApp("rolling", 2, "Old");
        await(app, "two running", l -> running(l) == 2);

        JsonNode rollout = http.result("POST", base + "/applications/" + app + "/rollouts", "{\"description\":\"new greeting\","
                + "\"strategy\":\"rolling\",\"step_percentage\":50,\"target_configuration\":{\"environment_variables\":"
                + "[{\"name\":\"GREETING\",\"value\":\"New\"}]}}");
        assertThat(rollout.get("steps")).hasSize(2);
        JsonNode done = awaitRollout(app, rollout.get("id").asText());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.at("/steps/0/status").asText()).isEqualTo("completed");
        assertThat(done.at("/progress/updated_instances").asInt()).isEqualTo(2);
        List<JsonNode> after = await(app, "two new instances", l -> running(l) == 2
                && l.stream().filter(i -> i.at("/status/state").asText().equals("running"))
                .allMatch(i -> i.get("version").asInt() == 2));
        String id = after.stream().filter(i -> i.at("/status/state").asText().equals("running")).findFirst()
                .orElseThrow().get("id").asText();
        assertThat(http.result("POST", base + "/applications/" + app + "/instances/" + id + "/fetch", "{\"url\":\"/\"}")
                .get("body").asText()).startsWith("New (");
        JsonNode appNow = http.result("GET", base + "/applications/" + app, null);
        assertThat(appNow.get("version").asInt()).isEqualTo(2);
        JsonNode versions = http.result("GET", base + "/applications/" + app + "/versions", null);
        assertThat(versions.get(1).get("percentage").asDouble()).isEqualTo(100.0);
    }

    @Test
    void aBinaryThatExitsAtOnceFailsAndTheRolloutRevertsVisibly() {
        String app = createApp("crashing", 1, "Stable");
        String stable = await(app, "running", l -> running(l) == 1).get(0).get("id").asText();

        JsonNode rollout = http.result("POST", base + "/applications/" + app + "/rollouts", "{\"description\":\"broken\","
                + "\"strategy\":\"rolling\",\"target_configuration\":{\"entrypoint\":[\"/flare-hello\",\"--exit-at-once\","
                + "\"3\"]}}");
        JsonNode done = awaitRollout(app, rollout.get("id").asText());

        assertThat(done.get("status").asText()).isEqualTo("reverted");
        assertThat(done.at("/steps/0/status").asText()).isEqualTo("reverted");
        assertThat(done.at("/steps/0/reason").asText()).contains("exited with code 3");
        List<JsonNode> list = instances(app);
        assertThat(list).anyMatch(i -> i.at("/status/state").asText().equals("failed")
                && i.at("/status/exit_code").asInt() == 3);
        assertThat(list).as("the old instance kept serving").anyMatch(i -> i.get("id").asText().equals(stable)
                && i.at("/status/state").asText().equals("running"));
        JsonNode health = http.result("GET", base + "/applications/" + app, null).get("health");
        assertThat(health.at("/errors/0/event/name").asText()).isEqualTo("VMFailed");
        assertThat(health.get("summary").asText()).isEqualTo("degraded");
        assertThat(http.result("GET", base + "/applications/" + app, null).get("version").asInt())
                .as("the application stays on its version").isEqualTo(1);
    }

    @Test
    void anImageThatIsNotInTheRegistryFailsWithImagePullError() {
        JsonNode app = http.result("POST", base + "/applications", "{\"name\":\"no-image\",\"instances\":1,"
                + "\"configuration\":{\"image\":\"docker.io/library/nginx:latest\"}}");
        String id = app.get("id").asText();

        List<JsonNode> list = await(id, "failed", l -> l.size() == 1 && l.get(0).at("/status/state").asText().equals("failed"));

        assertThat(list.get(0).get("failure").asText()).startsWith("ImagePullError");
    }

    @Test
    void aPoolKeepsReadyInstancesAllocatesReleasesAndCleansUp() {
        String app = createApp("pooled", 0, "Pool");
        JsonNode state = http.result("PUT", base + "/applications/" + app + "/pool",
                "{\"target_instances\":2,\"batch_size\":1,\"batch_spacing_seconds\":0,\"max_lifetime_seconds\":600}");
        assertThat(state.get("target_instances").asInt()).isEqualTo(2);

        JsonNode ready = awaitPool(app, p -> p.get("ready").asInt() == 2);
        assertThat(ready.get("batches").asInt()).as("batch size 1: one instance per batch").isGreaterThanOrEqualTo(2);

        JsonNode allocated = http.result("POST", base + "/applications/" + app + "/pool/allocate",
                "{\"max_lifetime_in_seconds\":1}");
        String id = allocated.get("id").asText();
        JsonNode refilled = awaitPool(app, p -> p.get("ready").asInt() == 2 && p.get("allocated").asInt() == 1);
        assertThat(refilled.get("instances").findValuesAsText("id")).contains(id);

        JsonNode expired = awaitPool(app, p -> p.get("expired").asInt() == 1);
        assertThat(expired.get("instances").findValuesAsText("id")).doesNotContain(id);

        String second = http.result("POST", base + "/applications/" + app + "/pool/allocate", "{}").get("id").asText();
        assertThat(http.result("POST", base + "/applications/" + app + "/pool/release", "{\"id\":\"" + second + "\"}")
                .get("id").asText()).isEqualTo(second);
        awaitPool(app, p -> !p.get("instances").findValuesAsText("id").contains(second) && p.get("ready").asInt() == 2);

        // An instance whose process dies on its own is an orphan: the pool cleans it up and replaces it.
        String victim = awaitPool(app, p -> p.get("ready").asInt() == 2).get("instances").get(0).get("id").asText();
        ProcessHandle.of(emu.containers().instances().get(victim).orElseThrow().pid()).orElseThrow().destroyForcibly();
        JsonNode cleaned = awaitPool(app, p -> p.get("orphans_cleaned").asInt() >= 1 && p.get("ready").asInt() == 2);
        assertThat(cleaned.get("instances").findValuesAsText("id")).doesNotContain(victim);
    }

    private static JsonNode awaitPool(String app, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = http.result("GET", base + "/applications/" + app + "/pool", null);
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("pool never got there: " + last);
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing() {
        int before = http.result("GET", base + "/applications", null).size();

        EmulatorHttp.Reply noImage = http.api("POST", base + "/applications", "{\"name\":\"x\",\"configuration\":{}}");
        EmulatorHttp.Reply badType = http.api("POST", base + "/applications", "{\"name\":\"x\",\"configuration\":"
                + "{\"image\":\"a\",\"instance_type\":\"huge\"}}");
        String app = createApp("valid", 0, "x");
        EmulatorHttp.Reply duplicate = http.api("POST", base + "/applications", "{\"name\":\"valid\",\"configuration\":"
                + "{\"image\":\"a\"}}");
        EmulatorHttp.Reply badStep = http.api("POST", base + "/applications/" + app + "/rollouts", "{\"description\":\"d\","
                + "\"strategy\":\"rolling\",\"step_percentage\":30,\"target_configuration\":{}}");
        EmulatorHttp.Reply unknown = http.api("GET", base + "/applications/00000000-0000-0000-0000-000000000000", null);

        assertThat(noImage.status()).isEqualTo(400);
        assertThat(noImage.json().at("/errors/0/message").asText()).contains("configuration.image");
        assertThat(badType.json().at("/errors/0/message").asText()).contains("instance_type");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(badStep.json().at("/errors/0/message").asText()).contains("5, 10, 20, 25, 50, 100");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(http.result("GET", base + "/applications", null).size()).isEqualTo(before + 1);
    }

    @Test
    void listsPageWithTokensAndRegistriesAreKept() {
        for (int i = 0; i < 3; i++) {
            createApp("paged-" + i, 0, "x");
        }
        EmulatorHttp.Reply first = http.api("GET", base + "/applications?per_page=2", null);
        String next = first.json().at("/result_info/next_page_token").asText();
        EmulatorHttp.Reply second = http.api("GET", base + "/applications?per_page=2&page_token=" + next, null);

        assertThat(first.json().get("result")).hasSize(2);
        assertThat(next).isNotEmpty();
        assertThat(second.json().get("result").get(0).get("name").asText())
                .isNotEqualTo(first.json().get("result").get(0).get("name").asText());

        http.result("POST", base + "/registries", "{\"domain\":\"docker.example.com\"}");
        assertThat(http.api("POST", base + "/registries", "{\"domain\":\"docker.example.com\"}").status()).isEqualTo(409);
        assertThat(http.result("GET", base + "/registries", null).findValuesAsText("domain")).contains("docker.example.com");
        http.result("DELETE", base + "/registries/docker.example.com", null);
        assertThat(http.result("GET", base + "/registries", null).findValuesAsText("domain"))
                .doesNotContain("docker.example.com");
    }
}
