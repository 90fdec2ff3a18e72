package dev.flareobserver.emulator.d1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.DemoWorld;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D1 over plain HTTP: what a client of the real API would see. */
class D1FeatureTest {

    private static Emulator emulator;
    private static D1Http d1;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        d1 = new D1Http(emulator, DemoWorld.PRODUCTION.id());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String create(String name) {
        D1Http.Reply r = d1.post(d1.databases(), Map.of("name", name));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().path("uuid").asText();
    }

    @Test
    void databasesAreCreatedListedFetchedAndDeleted() {
        D1Http.Reply created = d1.post(d1.databases(), Map.of("name", "crud-db", "primary_location_hint", "weur"));
        String id = created.result().path("uuid").asText();
        assertThat(created.result().path("created_in_region").asText()).isEqualTo("WEUR");
        assertThat(id).matches("[0-9a-f-]{36}");

        assertThat(d1.get(d1.databases() + "?name=crud").result()).extracting(n -> n.path("name").asText())
                .containsExactly("crud-db");
        assertThat(d1.get(d1.databases() + "/" + id).result().path("num_tables").asInt()).isZero();
        d1.rows(id, "CREATE TABLE t (v TEXT)");
        JsonNode details = d1.get(d1.databases() + "/" + id).result();
        assertThat(details.path("num_tables").asInt()).isEqualTo(1);
        assertThat(details.path("file_size").asLong()).isPositive();
        assertThat(details.path("version").asText()).isEqualTo("production");
        assertThat(d1.get(d1.databases() + "/crud-db").result().path("uuid").asText()).as("by name, as wrangler asks")
                .isEqualTo(id);

        assertThat(d1.delete(d1.databases() + "/" + id).status()).isEqualTo(200);
        D1Http.Reply gone = d1.get(d1.databases() + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).startsWith("7404: ");
    }

    @Test
    void namesFollowTheRulesAndAreUniquePerAccount() {
        create("unique-db");
        D1Http.Reply twice = d1.post(d1.databases(), Map.of("name", "unique-db"));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.error()).isEqualTo("7502: A database with that name already exists.");
        for (String bad : new String[] {"Upper", "-lead", "sp ace", "x".repeat(65), ""}) {
            D1Http.Reply r = d1.post(d1.databases(), Map.of("name", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.error()).as(bad).startsWith("7400: Invalid property: name");
        }
        assertThat(d1.post(d1.databases(), Map.of()).error()).isEqualTo("7400: Invalid property: name => Required");
        assertThat(d1.post(d1.databases(), Map.of("name", "hinted", "primary_location_hint", "mars")).error())
                .startsWith("7400: Invalid property: primary_location_hint");
    }

    @Test
    void listPagesWithPerPageFromTenUp() {
        JsonNode page = d1.get(d1.databases() + "?per_page=1&page=1").json();
        assertThat(page.path("result_info").path("per_page").asInt()).as("clamped to the documented minimum").isEqualTo(10);
        assertThat(page.path("result").size()).isGreaterThanOrEqualTo(1);
        assertThat(page.path("result").get(0).has("file_size")).as("lists do not open the files").isFalse();
    }

    @Test
    void statementsRunAsABatchWithParametersAndMeta() {
        String id = create("batch-db");
        D1Http.Reply r = d1.sql(id, "query", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB);"
                + " CREATE INDEX t_name ON t (name);"
                + " INSERT INTO t (name, data) VALUES (?, x'00ff10'), (?, NULL);"
                + " SELECT id, name, data, id AS name FROM t WHERE name = ?", "ada", "grace", "ada");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.result();
        assertThat(results).hasSize(4);
        JsonNode insert = results.get(2).path("meta");
        assertThat(insert.path("changes").asInt()).isEqualTo(2);
        assertThat(insert.path("rows_written").asInt()).as("two rows, each in the table and its index").isEqualTo(4);
        assertThat(insert.path("last_row_id").asInt()).isEqualTo(2);
        assertThat(insert.path("changed_db").asBoolean()).isTrue();
        assertThat(insert.path("size_after").asLong()).isPositive();
        JsonNode select = results.get(3);
        assertThat(select.path("success").asBoolean()).isTrue();
        assertThat(select.path("meta").path("changed_db").asBoolean()).isFalse();
        assertThat(select.path("meta").path("rows_read").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(select.path("meta").has("duration")).isTrue();
        JsonNode row = select.path("results").get(0);
        assertThat(row.path("id").asInt()).isEqualTo(1);
        assertThat(row.path("name").asInt()).as("a repeated column name keeps the last value").isEqualTo(1);
        assertThat(row.path("data").toString()).isEqualTo("[0,255,16]");

        JsonNode raw = d1.sql(id, "raw", "SELECT id, name, id AS name FROM t ORDER BY id").result().get(0);
        assertThat(raw.path("results").path("columns").toString()).isEqualTo("[\"id\",\"name\",\"name\"]");
        assertThat(raw.path("results").path("rows").toString()).isEqualTo("[[1,\"ada\",1],[2,\"grace\",2]]");
    }

    @Test
    void sqlErrorsAreCloudflaresWithOffsetsAndRollBackTheBatch() {
        String id = create("errors-db");
        d1.rows(id, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");

        D1Http.Reply syntax = d1.sql(id, "query", "SELEC * FROM t");
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.error()).isEqualTo("7500: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
        assertThat(syntax.json().path("success").asBoolean()).isFalse();
        assertThat(syntax.json().path("result").isNull()).isTrue();

        assertThat(d1.sql(id, "query", "SELECT 1;\n  SELECT * FROM t WHERE (id = 1").error())
                .isEqualTo("7500: incomplete input: SQLITE_ERROR");
        assertThat(d1.sql(id, "query", "SELECT id FROM t WHERE id = 1 ORDER id").error())
                .isEqualTo("7500: near \"id\": syntax error at offset 36: SQLITE_ERROR");
        assertThat(d1.sql(id, "query", "SELECT nope FROM t").error())
                .isEqualTo("7500: no such column: nope at offset 7: SQLITE_ERROR");
        assertThat(d1.sql(id, "query", "SELECT * FROM missing").error())
                .isEqualTo("7500: no such table: missing: SQLITE_ERROR");

        D1Http.Reply constraint = d1.sql(id, "query", "INSERT INTO t VALUES (1, 'a'); INSERT INTO t VALUES (1, 'b')");
        assertThat(constraint.error()).isEqualTo("7500: UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT"
                + " (extended: SQLITE_CONSTRAINT_PRIMARYKEY)");
        assertThat(d1.rows(id, "SELECT count(*) AS n FROM t").get(0).path("n").asInt())
                .as("the first INSERT of the failed batch was rolled back").isZero();

        assertThat(d1.sql(id, "query", "SELECT ?, ?", "only-one").error())
                .isEqualTo("7500: Wrong number of parameter bindings for SQL query.");
        assertThat(d1.sql(id, "query", "SELECT 1", "extra").error())
                .isEqualTo("7500: Wrong number of parameter bindings for SQL query.");
        assertThat(d1.sql(id, "query", "ATTACH DATABASE '/tmp/x.db' AS x").error())
                .isEqualTo("7500: not authorized: SQLITE_AUTH");
        assertThat(d1.sql(id, "query", "PRAGMA journal_mode = WAL").error()).isEqualTo("7500: not authorized: SQLITE_AUTH");
        assertThat(d1.sql(id, "query", "BEGIN TRANSACTION").error()).contains("state.storage.transaction()");
        assertThat(d1.sql(id, "query", "SELECT '" + "x".repeat(100_001) + "'").error())
                .isEqualTo("7500: statement too long: SQLITE_TOOBIG");
        assertThat(d1.sql(id, "query", "  ;  -- nothing\n").error()).isEqualTo("7500: No SQL statements detected.");
        assertThat(d1.post(d1.databases() + "/" + id + "/query", Map.of("params", List.of())).error())
                .isEqualTo("7400: Invalid property: sql => Required");
    }

    @Test
    void semicolonsInsideStringsCommentsAndTriggersDoNotSplit() {
        String id = create("split-db");
        D1Http.Reply r = d1.sql(id, "query", "CREATE TABLE t (v TEXT); CREATE TABLE log (v TEXT);\n"
                + "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('new;' || NEW.v); END;\n"
                + "-- a comment; with a semicolon\n"
                + "INSERT INTO t VALUES ('a;b'); /* another; */ SELECT v FROM log");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result()).hasSize(5);
        assertThat(r.result().get(4).path("results").get(0).path("v").asText()).isEqualTo("new;a;b");
    }

    @Test
    void theDemoShopHasAHundredThousandRelatedRows() {
        String shop = d1.idOf("shop");
        JsonNode counts = d1.rows(shop, "SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM products) AS p,"
                + " (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM order_items) AS i").get(0);
        int total = counts.path("c").asInt() + counts.path("p").asInt() + counts.path("o").asInt() + counts.path("i").asInt();
        assertThat(total).isEqualTo(100_000);
        assertThat(d1.rows(shop, "PRAGMA foreign_key_check")).as("every reference resolves").isEmpty();
        JsonNode mismatched = d1.rows(shop, "SELECT count(*) AS n FROM orders o WHERE o.total_cents !="
                + " (SELECT sum(quantity * unit_price_cents) FROM order_items WHERE order_id = o.id)");
        assertThat(mismatched.get(0).path("n").asInt()).as("order totals add up").isZero();

        D1Http.Reply counted = d1.sql(shop, "query", "SELECT count(*) FROM orders");
        assertThat(counted.result().get(0).path("meta").path("rows_read").asInt())
                .as("a full scan reads every row, as D1 counts it").isEqualTo(counts.path("o").asInt());
        D1Http.Reply one = d1.sql(shop, "query", "SELECT * FROM orders WHERE id = ?", 7);
        assertThat(one.result().get(0).path("meta").path("rows_read").asInt()).as("a key lookup reads one row")
                .isEqualTo(1);
    }

    @Test
    void timeTravelRestoresAnEarlierStateAndCanBeUndone() throws Exception {
        String id = create("travel-db");
        String tt = d1.databases() + "/" + id + "/time_travel";
        d1.rows(id, "CREATE TABLE t (v INTEGER)");
        d1.rows(id, "INSERT INTO t VALUES (1)");
        String afterOne = d1.get(tt + "/bookmark").result().path("bookmark").asText();
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        d1.rows(id, "INSERT INTO t VALUES (2)");
        d1.rows(id, "SELECT * FROM t");
        String afterTwo = d1.get(tt + "/bookmark").result().path("bookmark").asText();
        assertThat(afterTwo).as("a read does not start a new state").isNotEqualTo(afterOne)
                .matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}");
        assertThat(d1.get(tt + "/bookmark?timestamp=" + between).result().path("bookmark").asText()).isEqualTo(afterOne);

        JsonNode restored = d1.post(tt + "/restore?bookmark=" + afterOne, null).result();
        assertThat(d1.rows(id, "SELECT v FROM t ORDER BY v")).extracting(n -> n.path("v").asInt()).containsExactly(1);
        assertThat(restored.path("previous_bookmark").asText()).isEqualTo(afterTwo);
        assertThat(restored.path("bookmark").asText()).isNotIn(afterOne, afterTwo);

        d1.post(tt + "/restore?bookmark=" + restored.path("previous_bookmark").asText(), null);
        assertThat(d1.rows(id, "SELECT v FROM t ORDER BY v")).extracting(n -> n.path("v").asInt()).containsExactly(1, 2);

        D1Http.Reply unknown = d1.post(tt + "/restore?bookmark=" + D1Databases.bookmarkOf("another-db", 1), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).startsWith("7400: Invalid property: bookmark");
        assertThat(d1.post(tt + "/restore", null).error()).contains("either a bookmark or a timestamp");
    }

    @Test
    void exportIsPolledUntilCompleteAndTheSignedUrlServesARestorableDump() throws Exception {
        String id = create("export-db");
        d1.rows(id, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB, r REAL); CREATE INDEX t_v ON t (v);"
                + " INSERT INTO t VALUES (1, 'it''s', x'0001', 1.5), (2, NULL, NULL, -2.25)");
        String export = d1.databases() + "/" + id + "/export";

        D1Http.Reply first = d1.post(export, Map.of("output_format", "polling"));
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.result().path("status").asText()).isEqualTo("active");
        String bookmark = first.result().path("at_bookmark").asText();
        JsonNode done = null;
        List<String> messages = new ArrayList<>();
        first.result().path("messages").forEach(m -> messages.add(m.asText()));
        for (int i = 0; i < 40 && done == null; i++) {
            D1Http.Reply poll = d1.post(export, Map.of("output_format", "polling", "current_bookmark", bookmark));
            poll.result().path("messages").forEach(m -> messages.add(m.asText()));
            if (poll.status() == 200) {
                done = poll.result();
            }
        }
        assertThat(done).isNotNull();
        assertThat(done.path("status").asText()).isEqualTo("complete");
        assertThat(messages.get(0)).startsWith("Generating export-db-");
        String url = done.path("result").path("signed_url").asText();
        D1Http.Reply sql = d1.send("GET", url, null, false);
        assertThat(sql.status()).as("no credentials needed").isEqualTo(200);
        assertThat(sql.body()).contains("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, b BLOB, r REAL);",
                "INSERT INTO \"t\" VALUES(1,'it''s',X'0001',1.5);", "CREATE INDEX t_v ON t (v);");

        try (Connection copy = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
             Statement s = copy.createStatement()) {
            s.executeUpdate(sql.body());
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(r), hex(group_concat(b)) FROM t")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.getDouble(2)).isEqualTo(-0.75);
                assertThat(rs.getString(3)).isEqualTo("0001");
            }
        }
        assertThat(d1.send("GET", url.replaceAll("/d1-export-downloads/[^/]+/", "/d1-export-downloads/nope/"), null, false)
                .status()).isEqualTo(404);
        JsonNode schemaOnly = pollToEnd(export, Map.of("output_format", "polling", "dump_options", Map.of("no_data", true)));
        assertThat(d1.send("GET", schemaOnly.path("result").path("signed_url").asText(), null, false).body())
                .contains("CREATE TABLE t").doesNotContain("INSERT");
    }

    private static JsonNode pollToEnd(String export, Map<String, Object> start) {
        D1Http.Reply r = d1.post(export, start);
        while (r.status() == 202) {
            r = d1.post(export, Map.of("output_format", "polling", "current_bookmark",
                    r.result().path("at_bookmark").asText()));
        }
        return r.result();
    }

    @Test
    void demoRowsAreWrittenOnFirstUseAndPersistWithTheState(@TempDir Path stateDir) {
        String shopId;
        try (Emulator persistent = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build())) {
            D1Http http = new D1Http(persistent, DemoWorld.PRODUCTION.id());
            shopId = http.idOf("shop");
            Path file = stateDir.resolve("data").resolve("d1").resolve(shopId + ".sqlite");
            assertThat(file).as("nothing is written at start").doesNotExist();
            http.rows(shopId, "INSERT INTO customers (name, email, country, created_at)"
                    + " VALUES ('Kept', 'kept@example.com', 'NZ', '2026-01-01T00:00:00Z')");
            assertThat(file).exists();
            D1Http staging = new D1Http(persistent, DemoWorld.STAGING.id());
            String small = staging.idOf("shop-staging");
            assertThat(staging.rows(small, "SELECT count(*) AS n FROM customers").get(0).path("n").asInt()).isEqualTo(100);
            staging.delete(staging.databases() + "/" + small);
        }
        try (Emulator again = Emulator.start(EmulatorOptions.builder().stateDir(stateDir).build())) {
            D1Http http = new D1Http(again, DemoWorld.PRODUCTION.id());
            assertThat(http.rows(shopId, "SELECT count(*) AS n FROM customers WHERE email = 'kept@example.com'")
                    .get(0).path("n").asInt()).isEqualTo(1);
            D1Http staging = new D1Http(again, DemoWorld.STAGING.id());
            assertThat(staging.get(staging.databases()).result()).as("a deleted demo database stays deleted").isEmpty();
        }
    }

    @Test
    void anotherAccountsDatabaseIsNotVisible() {
        String id = create("private-db");
        D1Http staging = new D1Http(emulator, DemoWorld.STAGING.id());
        assertThat(staging.get(staging.databases() + "/" + id).status()).isEqualTo(404);
        assertThat(staging.sql(id, "query", "SELECT 1").status()).isEqualTo(404);
    }
}
