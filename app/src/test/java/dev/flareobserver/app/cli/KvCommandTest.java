package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.demo.DemoEmulatorFactory;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare-observer kv ...} against one running emulator, as a script would use it. */
class KvCommandTest {

    private static Emulator emulator;
    @TempDir
    static Path state;
    @TempDir
    Path dir;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void streams() {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
    }

    private int kv(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 1];
        all[0] = "kv";
        System.arraycopy(args, 0, all, 1, args.length);
        return FlareCli.run(all, Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(),
                        "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(), "XDG_STATE_HOME", state.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                DemoEmulatorFactory.inMemory());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out());
    }

    @Test
    void namespacesAreListedCreatedRenamedAndDeletedOnlyWithTheTypedTitle() throws Exception {
        assertThat(kv("namespace", "list", "--json")).isZero();
        assertThat(json().findValuesAsText("title")).contains("app-sessions", "site-config", "user-profiles");

        assertThat(kv("namespace", "create", "cli-ns", "--json")).isZero();
        String id = json().path("id").asText();
        assertThat(id).hasSize(32);
        assertThat(kv("namespace", "rename", "cli-ns", "cli-ns-2")).isZero();
        assertThat(out()).contains("Renamed KV namespace cli-ns to cli-ns-2");

        assertThat(kv("namespace", "delete", id, "--confirm", "cli-ns")).isEqualTo(2);
        assertThat(err()).contains("Type the KV namespace name, cli-ns-2, exactly to delete it; nothing was deleted.");
        assertThat(kv("namespace", "delete", id)).as("--confirm is required").isEqualTo(2);
        assertThat(kv("namespace", "delete", id, "--confirm", "cli-ns-2", "--json")).isZero();
        assertThat(json().path("deleted").asBoolean()).isTrue();
        assertThat(kv("namespace", "list")).isZero();
        assertThat(out()).doesNotContain("cli-ns-2").contains("ID").contains("TITLE");
        assertThat(Files.readString(state.resolve("flare-observer/audit.ndjson")))
                .contains("create namespace").contains("rename namespace").contains("delete namespace");
    }

    @Test
    void keysArePutFromAnArgumentOrAFileAndReadBack() throws Exception {
        assertThat(kv("key", "put", "site-config", "cli/greeting", "hello there", "--metadata", "{\"by\":\"cli\"}",
                "--ttl", "3600")).isZero();
        assertThat(out()).contains("Wrote cli/greeting (11 bytes) to site-config");
        assertThat(kv("key", "get", "site-config", "cli/greeting")).isZero();
        assertThat(out()).isEqualTo("hello there");
        assertThat(kv("key", "get", "site-config", "cli/greeting", "--json")).isZero();
        assertThat(json().path("value").asText()).isEqualTo("hello there");
        assertThat(json().path("metadata").path("by").asText()).isEqualTo("cli");

        Path binary = dir.resolve("blob.bin");
        Files.write(binary, new byte[] {0, (byte) 0xff, 7});
        assertThat(kv("key", "put", "site-config", "cli/blob", "--file", binary.toString(), "--json")).isZero();
        assertThat(json().path("bytes").asInt()).isEqualTo(3);
        assertThat(kv("key", "get", "site-config", "cli/blob")).isZero();
        assertThat(out()).startsWith("00000000  00 ff 07");
        assertThat(err()).contains("binary");
        assertThat(kv("key", "get", "site-config", "cli/blob", "--json")).isZero();
        assertThat(json().path("base64").asText()).isEqualTo("AP8H");
        Path copy = dir.resolve("copy.bin");
        assertThat(kv("key", "get", "site-config", "cli/blob", "--file", copy.toString())).isZero();
        assertThat(Files.readAllBytes(copy)).containsExactly(0, 0xff, 7);

        assertThat(kv("key", "list", "site-config", "--prefix", "cli/", "--json")).isZero();
        assertThat(json().findValuesAsText("name")).containsExactly("cli/blob", "cli/greeting");
        assertThat(json().get(1).path("expiration").asLong()).isPositive();
        assertThat(kv("key", "list", "site-config", "--prefix", "cli/")).isZero();
        assertThat(out()).contains("cli/greeting  (expires ").contains("{\"by\":\"cli\"}");
    }

    @Test
    void deletesNeedYesAndBadInputIsRefusedWithAClearMessage() {
        kv("key", "put", "site-config", "cli/doomed", "x");
        assertThat(kv("key", "delete", "site-config", "cli/doomed")).isEqualTo(2);
        assertThat(err()).contains("add --yes");
        assertThat(kv("key", "delete", "site-config", "cli/doomed", "--yes")).isZero();
        assertThat(kv("key", "get", "site-config", "cli/doomed")).isEqualTo(1);
        assertThat(err()).contains("key not found");

        assertThat(kv("key", "put", "site-config", "k".repeat(513), "v")).isEqualTo(2);
        assertThat(err()).contains("The key is 513 bytes in UTF-8; KV keys may be at most 512 bytes.");
        assertThat(kv("key", "put", "site-config", "short-ttl", "v", "--ttl", "10")).isEqualTo(2);
        assertThat(err()).contains("must live at least 60 seconds");
        assertThat(kv("key", "put", "site-config", "meta", "v", "--metadata", "{nope")).isEqualTo(2);
        assertThat(err()).contains("not valid JSON");
        assertThat(kv("key", "put", "no-such-namespace", "k", "v")).isEqualTo(1);
        assertThat(err()).contains("no KV namespace with id or title \"no-such-namespace\"");
        assertThat(kv("key", "put", "site-config", "k")).isEqualTo(2);
    }

    @Test
    void keyListingStopsAtTheLimitAndSaysMoreFollow() {
        assertThat(kv("key", "list", "user-profiles", "--limit", "5")).isZero();
        assertThat(out().lines()).hasSize(5).startsWith("user:00001", "user:00002")
                .contains("user:00003  {\"plan\":\"enterprise\",\"schema\":2}");
        assertThat(err()).contains("More keys follow");
    }
}
