package dev.flareobserver.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flare-observer d1 ...} against one emulator, as a user types it. */
class D1CommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Emulator emulator;

    @TempDir
    Path home;

    private CliRunner cli;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void runner() {
        cli = new CliRunner(emulator, home);
    }

    @Test
    void listPrintsTheDatabasesAsATableOrJson() throws Exception {
        assertThat(cli.run("d1", "list")).isZero();
        assertThat(cli.out().lines().findFirst().orElse("")).startsWith("NAME").contains("UUID", "CREATED");
        assertThat(cli.out()).contains("shop ");

        assertThat(cli.run("d1", "list", "--json")).isZero();
        JsonNode list = JSON.readTree(cli.out());
        assertThat(list.findValuesAsText("name")).contains("shop");
    }

    @Test
    void createQueryWithParametersAndDeleteWithTheTypedName() throws Exception {
        assertThat(cli.run("d1", "create", "cli-db", "--location", "weur")).isZero();
        assertThat(cli.out()).startsWith("Created D1 database cli-db (");

        assertThat(cli.run("d1", "query", "cli-db", "CREATE TABLE t (id INTEGER, v TEXT);"
                + " INSERT INTO t VALUES (?, ?), (?, ?)", "--param", "1", "--param", "one", "--param", "2",
                "--param", "two, with a comma")).as(cli.err()).isZero();
        assertThat(cli.run("d1", "query", "cli-db", "SELECT id, v FROM t WHERE id >= ? ORDER BY id", "--param", "1",
                "--json")).isZero();
        JsonNode result = JSON.readTree(cli.out()).get(0);
        assertThat(result.path("columns").toString()).isEqualTo("[\"id\",\"v\"]");
        assertThat(result.path("rows").toString()).isEqualTo("[[1,\"one\"],[2,\"two, with a comma\"]]");
        assertThat(result.path("meta").path("rows_read").asInt()).isEqualTo(2);

        assertThat(cli.run("d1", "query", "cli-db", "SELECT id, v FROM t ORDER BY id")).isZero();
        assertThat(cli.out()).contains("id  v", "1   one", "(2 rows; 2 read, 0 written");

        assertThat(cli.run("d1", "delete", "cli-db", "--confirm", "cli")).isEqualTo(2);
        assertThat(cli.err()).contains("Type the D1 database name, cli-db, exactly");
        assertThat(cli.run("d1", "list")).isZero();
        assertThat(cli.out()).contains("cli-db");
        assertThat(cli.run("d1", "delete", "cli-db", "--confirm", "cli-db")).isZero();
        assertThat(cli.run("d1", "list")).isZero();
        assertThat(cli.out()).doesNotContain("cli-db");

        String audit = Files.readString(home.resolve("flare-observer").resolve("audit.ndjson"));
        assertThat(audit).contains("\"action\":\"create database\"", "\"action\":\"execute SQL\"",
                "\"action\":\"delete database\"");
    }

    @Test
    void badSqlAndBadInputExitWithClearMessages() {
        assertThat(cli.run("d1", "query", "shop", "SELEC 1")).isEqualTo(1);
        assertThat(cli.err()).contains("Error: D1 could not run the SQL: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
        assertThat(cli.run("d1", "query", "shop", "SELECT ?")).isEqualTo(2);
        assertThat(cli.err()).contains("1 parameter placeholder (?) but 0 parameters were given");
        assertThat(cli.run("d1", "create", "Not Valid")).isEqualTo(2);
        assertThat(cli.err()).contains("not a valid D1 database name");
        assertThat(cli.run("d1", "query", "no-such-db", "SELECT 1")).isEqualTo(2);
        assertThat(cli.err()).contains("No D1 database named no-such-db");
        assertThat(cli.run("d1", "delete", "shop")).as("--confirm is required").isEqualTo(2);
    }

    @Test
    void exportWritesTheSqlFile() throws Exception {
        assertThat(cli.run("d1", "create", "cli-export")).isZero();
        assertThat(cli.run("d1", "query", "cli-export", "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x')")).isZero();
        Path file = home.resolve("out.sql");

        assertThat(cli.run("d1", "export", "cli-export", "--output", file.toString())).as(cli.err()).isZero();

        assertThat(cli.out()).startsWith("Exported cli-export to " + file);
        assertThat(cli.err()).contains("Downloading cli-export");
        assertThat(Files.readString(file)).contains("CREATE TABLE t (v TEXT);", "INSERT INTO \"t\" VALUES('x');");
    }
}
