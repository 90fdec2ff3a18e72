package dev.flareobserver.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ApplicationListParams;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.workers.Tail;
import dev.flareobserver.api.workers.TailEvent;
import dev.flareobserver.api.workers.TailEventParser;
import dev.flareobserver.api.workers.TailFilters;
import dev.flareobserver.api.workers.TailSocket;
import dev.flareobserver.api.workers.TailSocketListener;
import dev.flareobserver.api.workers.TailSocketOptions;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.transport.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A container's output in its Worker's live tail: the demo pool hello-pool is bound to the PoolContainer Durable
 * Object namespace of the demo Worker pool-manager; a tail on pool-manager (through core-api) sees the line
 * flare-hello prints for a request it served, as a Durable Object trace item naming the instance.
 */
class ContainerOutputTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRequestServedByAPoolInstanceShowsUpInTheOwningWorkersTail() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorOptions.builder().build());
             CloudflareClient client = CloudflareClient.builder().baseUrl(emulator.baseUrl())
                     .credentials(Credentials.token(emulator.userToken())).build()) {
            String account = emulator.accounts().get(0).id();
            ContainerApplication pool = client.containers().applications()
                    .listAll(account, ApplicationListParams.named("hello-pool")).stream().findFirst().orElseThrow();
            JsonNode namespaces = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    emulator.baseUrl() + "/accounts/" + account + "/workers/durable_objects/namespaces"))
                    .header("Authorization", "Bearer " + emulator.userToken()).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("result");
            JsonNode owner = null;
            for (JsonNode n : namespaces) {
                if (n.get("id").asText().equals(pool.durableObjects().namespaceId())) {
                    owner = n;
                }
            }
            assertThat(owner).as("hello-pool's namespace is listed: " + namespaces).isNotNull();
            assertThat(owner.get("script").asText()).isEqualTo("pool-manager");
            assertThat(owner.get("class").asText()).isEqualTo("PoolContainer");

            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            CountDownLatch open = new CountDownLatch(1);
            Tail tail = client.workers().tails().create(account, "pool-manager", TailFilters.none());
            try (TailSocket socket = client.workers().tails().connect(tail, TailSocketOptions.defaults(),
                    new TailSocketListener() {
                        @Override
                        public void onOpen() {
                            open.countDown();
                        }

                        @Override
                        public void onMessage(String json) {
                            messages.add(json);
                        }
                    })) {
                assertThat(open.await(10, TimeUnit.SECONDS)).as("tail socket open").isTrue();
                ContainerInstanceV2 instance = awaitRunning(client, account, pool.id());
                String path = "/tail-check-" + UUID.randomUUID();
                long before = System.currentTimeMillis();
                FetchRequest.Result answer = client.containers().applications().instances()
                        .fetch(account, pool.id(), instance.id(), FetchRequest.get(path));
                assertThat(answer.status()).isEqualTo(200);

                JsonNode item = awaitItemWith(messages, "GET " + path + " -> 200");
                assertThat(item.get("executionModel").asText()).isEqualTo("durableObject");
                assertThat(item.get("durableObjectId").asText()).as("the instance id as the v2 list reports it")
                        .isEqualTo(instance.id());
                assertThat(item.get("scriptName").asText()).isEqualTo("pool-manager");
                assertThat(item.get("outcome").asText()).isEqualTo("ok");
                assertThat(item.has("event") && item.get("event").isNull()).as("no triggering event").isTrue();
                assertThat(item.get("eventTimestamp").asLong()).isBetween(before - 1000, System.currentTimeMillis());
                JsonNode line = null;
                for (JsonNode l : item.get("logs")) {
                    if (l.get("message").get(0).asText().contains(path)) {
                        line = l;
                    }
                }
                assertThat(line.get("level").asText()).as("stdout").isEqualTo("log");
                assertThat(line.get("message")).hasSize(1);
                assertThat(line.get("timestamp").asLong()).isGreaterThanOrEqualTo(item.get("eventTimestamp").asLong());

                TailEvent parsed = new TailEventParser().parse(JSON.writeValueAsString(item));
                assertThat(parsed.scriptName()).isEqualTo("pool-manager");
                assertThat(parsed.logCount()).isEqualTo(item.get("logs").size());
            } finally {
                client.workers().tails().delete(account, "pool-manager", tail.id());
            }
        }
    }

    private static ContainerInstanceV2 awaitRunning(CloudflareClient client, String account, String app)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (System.nanoTime() < deadline) {
            List<ContainerInstanceV2> running = client.containers().applications().instances()
                    .listAllV2(account, app, InstanceListParams.all()).stream()
                    .filter(i -> i.state() == InstanceState.RUNNING).toList();
            if (!running.isEmpty()) {
                return running.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("hello-pool never had a running instance");
    }

    /** The first container trace item with a log line containing {@code text}; Worker invocations are skipped. */
    private static JsonNode awaitItemWith(BlockingQueue<String> messages, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String m = messages.poll(200, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            JsonNode item = JSON.readTree(m);
            for (JsonNode l : item.path("logs")) {
                if (l.path("message").path(0).asText().contains(text)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no tail item with the line '" + text + "' within 10 s");
    }
}
