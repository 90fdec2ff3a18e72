package dev.flareobserver.resources.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.api.d1.D1DatabaseListParams;
import dev.flareobserver.api.d1.D1LocationHint;
import dev.flareobserver.api.d1.D1QueryResult;
import dev.flareobserver.api.d1.D1Restore;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.monitor.Monitors;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.AuditEntry;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.resources.d1.D1ExportResult;
import dev.flareobserver.orchestration.resources.d1.D1QueryRun;
import dev.flareobserver.orchestration.resources.d1.D1Service;
import dev.flareobserver.orchestration.resources.d1.D1SqlException;
import dev.flareobserver.orchestration.resources.d1.D1Table;
import dev.flareobserver.orchestration.task.Task;
import dev.flareobserver.orchestration.task.TaskRunner;
import dev.flareobserver.orchestration.task.TaskState;
import dev.flareobserver.transport.BadRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D1 end to end: orchestration's service and the client against the emulator, as the app and CLI use them. */
class D1AgainstEmulatorTest {

    private static Emulator emulator;
    private static AccountConnection connection;
    private static WriteAccess access;
    private static AuditTrail audit;
    private static D1Service d1;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        connection = Monitors.connect(emulator);
        access = WriteAccess.unlocked();
        audit = AuditTrail.inMemory();
        d1 = new D1Service(connection, new ResourceWrites(access, audit, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void unlocked() {
        access.unlock();
    }

    private static CloudflareClient client() {
        return connection.client().orElseThrow();
    }

    private static String account() {
        return connection.currentAccount().orElseThrow().id();
    }

    private static D1Database named(String name) {
        d1.refresh();
        return d1.databases().stream().filter(db -> db.name().equals(name)).findFirst().orElseThrow();
    }

    private static long requests() {
        return emulator.stats().snapshot().total();
    }

    @Test
    void databasesAreCreatedListedPagedAndDeleted() {
        for (int i = 0; i < 11; i++) {
            d1.create(String.format("paged-%02d", i), i == 0 ? D1LocationHint.APAC : null);
        }
        List<D1Database> all = client().d1().databases()
                .listAll(account(), D1DatabaseListParams.defaults().withPerPage(10)).stream().toList();
        assertThat(all).extracting(D1Database::name).contains("shop", "paged-00", "paged-10");
        assertThat(client().d1().databases().list(account(), D1DatabaseListParams.defaults().withPerPage(10)).items())
                .hasSize(10);
        assertThat(client().d1().databases().list(account(), D1DatabaseListParams.defaults().withName("paged-1"))
                .items()).extracting(D1Database::name).containsExactly("paged-10");

        D1Database created = named("paged-03");
        d1.query(created, "CREATE TABLE t (v TEXT)", List.of());
        D1Database details = d1.details(created);
        assertThat(details.numTables()).isEqualTo(1);
        assertThat(details.fileSize()).isPositive();

        d1.delete(created, "paged-03");
        assertThat(d1.databases()).extracting(D1Database::name).doesNotContain("paged-03");
        assertThat(audit.entries()).extracting(AuditEntry::action).contains("create database", "delete database");
    }

    @Test
    void queryRawAndTablesReadTheDemoShop() {
        D1Database shop = named("shop");

        List<D1QueryResult> objects = client().d1().databases().query(account(), shop.uuid(),
                "SELECT id, name FROM customers WHERE id IN (?, ?) ORDER BY id", List.of("1", "2"));
        assertThat(objects.get(0).results()).hasSize(2);
        assertThat(objects.get(0).results().get(0)).containsEntry("id", 1).containsKey("name");

        D1QueryRun run = d1.query(shop, "SELECT o.id, c.name, o.total_cents FROM orders o JOIN customers c"
                + " ON c.id = o.customer_id WHERE o.status = ? ORDER BY o.id LIMIT 20", List.of("delivered"));
        assertThat(run.wrote()).isFalse();
        assertThat(run.shown().results().columns()).containsExactly("id", "name", "total_cents");
        assertThat(run.shown().results().rows()).hasSize(20);
        assertThat(run.rowsRead()).isGreaterThanOrEqualTo(20);

        List<D1Table> tables = d1.tables(shop);
        assertThat(tables).extracting(D1Table::name).containsExactly("customers", "order_items", "orders", "products",
                "order_totals");
        assertThat(tables.get(2).columns()).extracting(D1Table.Column::name)
                .containsExactly("id", "customer_id", "status", "total_cents", "created_at");
    }

    @Test
    void aSyntaxErrorIsCloudflaresErrorAndAClearMessage() {
        D1Database shop = named("shop");
        assertThatThrownBy(() -> client().d1().databases().raw(account(), shop.uuid(), "SELEC * FROM customers", null))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.hasErrorCode(7500)).isTrue();
                    assertThat(e.errors().get(0).message())
                            .isEqualTo("near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
                });
        assertThatThrownBy(() -> d1.query(shop, "SELECT * FROM customers WHERE id = 1 ORDER", List.of()))
                .isInstanceOf(D1SqlException.class).hasMessage("incomplete input: SQLITE_ERROR");
        assertThatThrownBy(() -> d1.query(shop, "INSERT INTO order_items (order_id, product_id, quantity,"
                + " unit_price_cents) VALUES (999999, 1, 1, 1)", List.of()))
                .isInstanceOf(D1SqlException.class)
                .hasMessage("FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)");
    }

    @Test
    void badInputIsRefusedLocallyAndTheEmulatorRefusesItToo() {
        long before = requests();
        assertThatThrownBy(() -> d1.create("Not A Name", null)).isInstanceOf(InvalidResourceInputException.class)
                .hasMessageContaining("not a valid D1 database name");
        assertThatThrownBy(() -> d1.query(named("shop"), "SELECT ?", List.of())).isInstanceOf(InvalidResourceInputException.class);
        assertThat(requests()).as("only the list for named()").isEqualTo(before + 1);

        assertThatThrownBy(() -> client().d1().databases().create(account(), "Not A Name", null))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors().get(0).message())
                        .startsWith("Invalid property: name =>"));
        d1.create("twice", null);
        assertThatThrownBy(() -> client().d1().databases().create(account(), "twice", null))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.hasErrorCode(7502)).isTrue());
        assertThatThrownBy(() -> d1.create("twice", null)).as("known from the list: refused locally")
                .isInstanceOf(InvalidResourceInputException.class).hasMessageContaining("already has");
    }

    @Test
    void readOnlyModeBlocksEveryD1WritePath() {
        D1Database shop = named("shop");
        String bookmark = d1.bookmark(shop, null).bookmark();
        access.lock();
        long before = requests();
        int audited = audit.entries().size();
        List<String> writingSql = List.of(
                "INSERT INTO products (sku, name, price_cents, stock) VALUES ('X', 'x', 1, 1)",
                "UPDATE customers SET country = 'ZZ'",
                "DELETE FROM order_items",
                "REPLACE INTO products (id, sku, name, price_cents, stock) VALUES (1, 'X', 'x', 1, 1)",
                "CREATE TABLE intruder (v TEXT)",
                "DROP TABLE order_items",
                "ALTER TABLE customers ADD COLUMN vip INTEGER",
                "CREATE INDEX customers_country ON customers (country)",
                "PRAGMA foreign_keys = OFF",
                "WITH stale AS (SELECT id FROM orders WHERE status = 'pending') DELETE FROM orders WHERE id IN stale",
                "SELECT 1; DELETE FROM customers");
        for (String sql : writingSql) {
            assertThatThrownBy(() -> d1.query(shop, sql, List.of())).as(sql).isInstanceOf(ReadOnlyException.class);
        }
        List<Runnable> otherWrites = List.of(
                () -> d1.create("read-only-create", null),
                () -> d1.delete(shop, "shop"),
                () -> d1.restore(shop, bookmark));
        for (Runnable write : otherWrites) {
            assertThatThrownBy(write::run).isInstanceOf(ReadOnlyException.class)
                    .hasMessageContaining("Read-only mode");
        }
        assertThat(requests()).as("nothing reached Cloudflare").isEqualTo(before);
        assertThat(audit.entries()).as("refusals before any request are not writes").hasSize(audited);
        assertThat(d1.query(shop, "SELECT count(*) FROM order_items", List.of()).shown().results().rows().get(0)[0])
                .as("reads still work, and nothing changed").isEqualTo(60_000L);
    }

    @Test
    void deletesNeedTheTypedName() {
        d1.create("typed-delete", null);
        D1Database db = named("typed-delete");
        long before = requests();

        for (String typed : new String[] {"", "typed", "TYPED-DELETE", "typed-delete ", null}) {
            assertThatThrownBy(() -> d1.delete(db, typed)).isInstanceOf(ConfirmationMismatchException.class);
        }
        assertThat(requests()).isEqualTo(before);
        assertThat(named("typed-delete")).isNotNull();
        d1.delete(db, "typed-delete");
        assertThat(d1.databases()).extracting(D1Database::name).doesNotContain("typed-delete");
    }

    @Test
    void writingSqlIsAuditedWithTheBookmarkToRestoreAndRestoreUndoesIt() {
        d1.create("audited", null);
        D1Database db = named("audited");
        d1.query(db, "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)", List.of());
        String beforeDelete = d1.bookmark(db, null).bookmark();

        d1.query(db, "DELETE FROM t", List.of());

        AuditEntry entry = audit.entries().get(audit.entries().size() - 1);
        assertThat(entry.action()).isEqualTo("execute SQL");
        assertThat(entry.target()).isEqualTo("audited");
        assertThat(entry.before()).isEqualTo("bookmark " + beforeDelete);
        assertThat(entry.after()).isEqualTo("DELETE FROM t\n-> 1 rows changed, 1 rows written");
        assertThat(d1.query(db, "SELECT count(*) FROM t", List.of()).shown().results().rows().get(0)[0]).isEqualTo(0L);

        D1Restore restored = d1.restore(db, beforeDelete);

        assertThat(d1.query(db, "SELECT count(*) FROM t", List.of()).shown().results().rows().get(0)[0]).isEqualTo(1L);
        assertThat(restored.previousBookmark()).isNotEqualTo(beforeDelete);
        assertThat(audit.entries().get(audit.entries().size() - 1).action()).isEqualTo("restore bookmark");
        assertThatThrownBy(() -> d1.query(db, "SELECT 1", List.of("extra"))).isInstanceOf(InvalidResourceInputException.class);
    }

    @Test
    void exportWritesASqlFileThatRebuildsTheDatabase(@TempDir Path dir) throws Exception {
        D1Database shop = named("shop");
        Path target = dir.resolve("shop.sql");
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TaskRunner tasks = TaskRunner.create()) {
            Task<D1ExportResult> task = tasks.submit("Export shop", c -> d1.export(shop, target, c));
            tasks.addListener(list -> list.forEach(s -> messages.add(s.message())));
            D1ExportResult result = task.result().get(120, TimeUnit.SECONDS);
            assertThat(result.bytes()).isEqualTo(Files.size(target)).isGreaterThan(1_000_000);
        }
        assertThat(messages).anyMatch(m -> m.startsWith("Downloading shop"));
        try (Connection copy = new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
             Statement s = copy.createStatement()) {
            s.executeUpdate(Files.readString(target));
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM products)"
                    + " + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items)")) {
                assertThat(rs.getInt(1)).isEqualTo(100_000);
            }
        }
    }

    @Test
    void aCancelledExportLeavesNoFile(@TempDir Path dir) throws Exception {
        D1Database shop = named("shop");
        Path target = dir.resolve("cancelled.sql");
        CountDownLatch started = new CountDownLatch(1);
        try (TaskRunner tasks = TaskRunner.create()) {
            Consumer<List<dev.flareobserver.orchestration.task.TaskSnapshot>> seen = list -> {
                if (list.stream().anyMatch(s -> s.message().startsWith("Asking Cloudflare"))) {
                    started.countDown();
                }
            };
            tasks.addListener(seen);
            Task<D1ExportResult> task = tasks.submit("Export shop", c -> d1.export(shop, target, c));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            task.cancel();
            assertThatThrownBy(() -> task.result().get(60, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
        }
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("cancelled.sql.part")).doesNotExist();
    }
}
