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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare-observer d1 ...} against one emulator, as a user types it. */
class D1CommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(),
                "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(), "XDG_STATE_HOME", home.toString());
        return FlareCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), DemoEmulatorFactory.inMemory());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsTheDatabasesAsATableOrJson() throws Exception {
        assertThat(run("d1", "list")).isZero();
        assertThat(out().lines().findFirst().orElse("")).startsWith("NAME").contains("UUID", "CREATED");
        assertThat(out()).contains("shop ");

        assertThat(run("d1", "list", "--json")).isZero();
        JsonNode list = JSON.readTree(out());
        assertThat(list.findValuesAsText("name")).contains("shop");
    }

    @Test
    void createQueryWithParametersAndDeleteWithTheTypedName() throws Exception {
        assertThat(run("d1", "create", "cli-db", "--location", "weur")).isZero();
        assertThat(out()).startsWith("Created D1 database cli-db (");

        assertThat(run("d1", "query", "cli-db", "CREATE TABLE t (id INTEGER, v TEXT);"
                + " INSERT INTO t VALUES (?, ?), (?, ?)", "--param", "1", "--param", "one", "--param", "2",
                "--param", "two, with a comma")).as(err()).isZero();
        assertThat(run("d1", "query", "cli-db", "SELECT id, v FROM t WHERE id >= ? ORDER BY id", "--param", "1",
                "--json")).isZero();
        JsonNode result = JSON.readTree(out()).get(0);
        assertThat(result.path("columns").toString()).isEqualTo("[\"id\",\"v\"]");
        assertThat(result.path("rows").toString()).isEqualTo("[[1,\"one\"],[2,\"two, with a comma\"]]");
        assertThat(result.path("meta").path("rows_read").asInt()).isEqualTo(2);

        assertThat(run("d1", "query", "cli-db", "SELECT id, v FROM t ORDER BY id")).isZero();
        assertThat(out()).contains("id  v", "1   one", "(2 rows; 2 read, 0 written");

        assertThat(run("d1", "delete", "cli-db", "--confirm", "cli")).isEqualTo(2);
        assertThat(err()).contains("Type the D1 database name, cli-db, exactly");
        assertThat(run("d1", "list")).isZero();
        assertThat(out()).contains("cli-db");
        assertThat(run("d1", "delete", "cli-db", "--confirm", "cli-db")).isZero();
        assertThat(run("d1", "list")).isZero();
        assertThat(out()).doesNotContain("cli-db");

        String audit = Files.readString(home.resolve("flare-observer").resolve("audit.ndjson"));
        assertThat(audit).contains("\"action\":\"create database\"", "\"action\":\"execute SQL\"",
                "\"action\":\"delete database\"");
    }

    @Test
    void badSqlAndBadInputExitWithClearMessages() {
        assertThat(run("d1", "query", "shop", "SELEC 1")).isEqualTo(1);
        assertThat(err()).contains("Error: D1 could not run the SQL: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
        assertThat(run("d1", "query", "shop", "SELECT ?")).isEqualTo(2);
        assertThat(err()).contains("1 parameter placeholder (?) but 0 parameters were given");
        assertThat(run("d1", "create", "Not Valid")).isEqualTo(2);
        assertThat(err()).contains("not a valid D1 database name");
        assertThat(run("d1", "query", "no-such-db", "SELECT 1")).isEqualTo(2);
        assertThat(err()).contains("No D1 database named no-such-db");
        assertThat(run("d1", "delete", "shop")).as("--confirm is required").isEqualTo(2);
    }

    @Test
    void exportWritesTheSqlFile() throws Exception {
        assertThat(run("d1", "create", "cli-export")).isZero();
        assertThat(run("d1", "query", "cli-export", "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x')")).isZero();
        Path file = home.resolve("out.sql");

        assertThat(run("d1", "export", "cli-export", "--output", file.toString())).as(err()).isZero();

        assertThat(out()).startsWith("Exported cli-export to " + file);
        assertThat(err()).contains("Downloading cli-export");
        assertThat(Files.readString(file)).contains("CREATE TABLE t (v TEXT);", "INSERT INTO \"t\" VALUES('x');");
    }
}
