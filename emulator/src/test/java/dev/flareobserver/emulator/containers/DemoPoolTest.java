package dev.flareobserver.emulator.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.emulator.registry.EmulatorHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo account's pool of flare-hello instances: nothing runs until the account's containers are asked for. */
class DemoPoolTest {

    @Test
    void theDemoPoolStartsLazilyAndServesTheCompiledServer() throws Exception {
        try (Emulator emu = Emulator.start(EmulatorOptions.builder().build())) {
            EmulatorHttp http = new EmulatorHttp(emu);
            String base = "/accounts/" + emu.accounts().get(0).id() + "/containers";
            assertThat(emu.containers().instances().all()).as("no process at emulator start").isEmpty();

            JsonNode apps = http.result("GET", base + "/applications?name=hello-pool", null);
            assertThat(apps).hasSize(1);
            String app = apps.get(0).get("id").asText();

            JsonNode pool = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            while (System.nanoTime() < deadline) {
                pool = http.result("GET", base + "/applications/" + app + "/pool", null);
                if (pool.get("ready").asInt() == 3) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(pool.get("ready").asInt()).as(String.valueOf(pool)).isEqualTo(3);
            assertThat(pool.get("batch_size").asInt()).isEqualTo(2);
            assertThat(pool.get("batches").asInt()).as("3 ready with batches of 2").isGreaterThanOrEqualTo(2);
            String id = http.result("POST", base + "/applications/" + app + "/pool/allocate", "{\"location\":\"weur\"}")
                    .get("id").asText();
            JsonNode answer = http.result("POST", base + "/applications/" + app + "/instances/" + id + "/fetch",
                    "{\"url\":\"/\"}");
            assertThat(answer.get("body").asText()).startsWith("Hello from the Flare Observer demo pool (" + id + ")");
        }
    }
}
