package dev.flareobserver.app.page.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.d1.D1Service;
import dev.flareobserver.orchestration.resources.d1.D1Table;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D1 page's view model on the real service against the emulator; no toolkit, everything on one thread. */
class D1ViewModelTest {

    private static Emulator emulator;
    private static AccountConnection connection;
    private static D1Service service;
    private static WriteAccess access;
    private static AuditTrail audit;

    private final SimpleBooleanProperty writable = new SimpleBooleanProperty(true);
    private D1ViewModel vm;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        assertThat(connection.connect().isConnected()).isTrue();
        access = WriteAccess.unlocked();
        audit = AuditTrail.inMemory();
        service = new D1Service(connection, new ResourceWrites(access, audit, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void page() {
        access.unlock();
        writable.set(true);
        vm = new D1ViewModel(() -> Optional.of(service), TaskRunner.sameThread(), Runnable::run, writable);
        vm.onShow();
    }

    private void select(String name) {
        vm.selectedProperty().set(vm.databases().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void theDatabasesAndTheTablesOfTheChosenOneLoad() {
        assertThat(vm.databases()).extracting(D1Database::name).contains("shop");
        select("shop");

        assertThat(vm.tables()).extracting(D1Table::name)
                .containsExactly("customers", "order_items", "orders", "products", "order_totals");
        D1Table customers = vm.tables().get(0);
        assertThat(customers.columns()).extracting(D1Table.Column::name)
                .containsExactly("id", "name", "email", "country", "created_at");
        assertThat(customers.columns().get(0).primaryKey()).isEqualTo(1);
        assertThat(customers.columns().get(1).notNull()).isTrue();
        assertThat(vm.tables().get(4).isView()).isTrue();
    }

    @Test
    void aQueryWithParametersFillsTheGridTheMetaAndTheHistory() {
        select("shop");
        vm.paramsProperty().set("US, 5");

        vm.run("SELECT id, name, country FROM customers WHERE country = ? ORDER BY id LIMIT ?");

        assertThat(vm.gridProperty().get().columns()).containsExactly("id", "name", "country");
        assertThat(vm.gridProperty().get().rows()).hasSize(5).allSatisfy(row -> assertThat(row[2]).isEqualTo("US"));
        assertThat(vm.metaProperty().get()).startsWith("5 rows · ").contains("rows read", "rows written", "round trip");
        assertThat(vm.messageIsErrorProperty().get()).isFalse();
        assertThat(vm.history()).first().satisfies(h -> assertThat(h.params()).isEqualTo("US, 5"));
        assertThat(vm.copyText(List.of(0), List.of(0, 2), true)).matches("id\tcountry\n\\d+\tUS\n");
    }

    @Test
    void aSyntaxErrorShowsD1sWords() {
        select("shop");
        vm.run("SELEC * FROM customers");
        assertThat(vm.messageProperty().get())
                .isEqualTo("D1 could not run the SQL: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        select("shop");
        long before = emulator.stats().snapshot().total();
        vm.run("SELECT ?, ?");
        assertThat(vm.messageProperty().get()).contains("2 parameter placeholders");
        vm.paramsProperty().set("\"open");
        vm.run("SELECT ?");
        assertThat(vm.messageProperty().get()).contains("not closed");
        assertThat(emulator.stats().snapshot().total()).isEqualTo(before);
    }

    @Test
    void aWritingStatementIsRefusedInReadOnlyModeWithoutARequest() {
        select("shop");
        writable.set(false);
        access.lock();
        long before = emulator.stats().snapshot().total();

        vm.run("SELECT 1; DELETE FROM customers");

        assertThat(vm.messageProperty().get()).startsWith("Not run: this SQL can change the database (DELETE)")
                .contains("Unlock writes");
        assertThat(emulator.stats().snapshot().total()).isEqualTo(before);
        vm.run("SELECT count(*) AS n FROM customers");
        assertThat(vm.gridProperty().get().rows().get(0)[0]).as("reads still run").isEqualTo(10_000L);
    }

    @Test
    void severalStatementsCanEachBeShown() {
        vm.create("vm-multi", "");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("vm-multi");
        vm.run("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3); SELECT v FROM t ORDER BY v");

        assertThat(vm.statements()).containsExactly("Statement 1: 0 changed", "Statement 2: 3 changed",
                "Statement 3: 3 rows");
        assertThat(vm.shownStatementProperty().get()).isEqualTo(2);
        assertThat(vm.gridProperty().get().rows()).hasSize(3);
        vm.shownStatementProperty().set(1);
        assertThat(vm.metaProperty().get()).startsWith("0 rows · ").contains("3 rows written");
        assertThat(vm.tables()).extracting(D1Table::name).containsExactly("t");
        assertThat(audit.entries()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("execute SQL");
            assertThat(e.before()).startsWith("bookmark ");
            assertThat(e.after()).contains("INSERT INTO t VALUES (1), (2), (3)", "3 rows changed");
        });
    }

    @Test
    void createAndDeleteNeedWritesAndTheTypedName() {
        vm.create("Bad Name", null);
        assertThat(vm.messageProperty().get()).contains("not a valid D1 database name");
        vm.create("vm-delete-me", "weur");
        D1Database created = vm.selectedProperty().get();

        vm.delete(created, "vm-delete");
        assertThat(vm.messageProperty().get()).contains("Type the D1 database name, vm-delete-me, exactly");
        assertThat(vm.databases()).contains(created);
        access.lock();
        vm.delete(created, "vm-delete-me");
        assertThat(vm.messageProperty().get()).contains("Read-only mode");
        access.unlock();
        vm.delete(created, "vm-delete-me");
        assertThat(vm.databases()).doesNotContain(created);
    }

    @Test
    void theResultSavesAsCsvAndTheDatabaseExportsAsSql(@TempDir Path dir) throws Exception {
        vm.create("vm-export", null);
        vm.run("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO t VALUES (1, 'plain'),"
                + " (2, 'with, comma'), (3, 'say \"hi\"'), (4, NULL); SELECT * FROM t ORDER BY id");

        Path csv = dir.resolve("result.csv");
        vm.saveCsv(csv);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(
                "id,note\r\n1,plain\r\n2,\"with, comma\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\r\n");

        Path sql = dir.resolve("vm-export.sql");
        vm.export(sql);
        assertThat(vm.exportingProperty().get()).isFalse();
        assertThat(vm.exportTextProperty().get()).startsWith("Exported vm-export to ");
        assertThat(Files.readString(sql)).contains("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT);",
                "INSERT INTO \"t\" VALUES(2,'with, comma');");
        assertThat(dir.resolve("vm-export.sql.part")).doesNotExist();
    }

    @Test
    void parameterTextSplitsOnCommasAndKeepsQuotedValues() {
        assertThat(D1ParameterText.parse("")).isEmpty();
        assertThat(D1ParameterText.parse(" 1,  two , \"a, b\", \"\", \"say \"\"x\"\"\"")).containsExactly("1", "two",
                "a, b", "", "say \"x\"");
        assertThat(D1ParameterText.format(List.of("1", "a, b", ""))).isEqualTo("1, \"a, b\", \"\"");
    }
}
