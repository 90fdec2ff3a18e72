package dev.flareobserver.orchestration.resources.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class D1StatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM t", "  select 1", "VALUES (1), (2)", "EXPLAIN QUERY PLAN SELECT 1",
        "EXPLAIN DELETE FROM t", "WITH x AS (SELECT 1) SELECT * FROM x",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n",
        "PRAGMA table_info(customers)", "PRAGMA main.table_info(\"orders\")", "PRAGMA foreign_keys",
        "-- just looking\nSELECT 1", "SELECT 'DELETE FROM t; DROP TABLE t'",
        "SELEC * FROM t", "(SELECT 1)"})
    void readsAreRecognised(String sql) {
        assertThat(D1Statements.writes(sql)).as(sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES (1)", "update t set v = 1", "DELETE FROM t", "REPLACE INTO t VALUES (1)",
        "CREATE TABLE t (v)", "DROP TABLE t", "ALTER TABLE t ADD COLUMN w", "CREATE INDEX i ON t (v)",
        "WITH old AS (SELECT id FROM t) DELETE FROM t WHERE id IN old",
        "WITH x(v) AS (VALUES (1)) INSERT INTO t SELECT v FROM x", "PRAGMA foreign_keys = OFF",
        "PRAGMA defer_foreign_keys=ON", "PRAGMA optimize", "PRAGMA user_version(3)", "SELECT 1; DROP TABLE t",
        "/* sneaky */ DELETE FROM t", "VACUUM", "ATTACH DATABASE 'x' AS y", "ANALYZE", "REINDEX", "BEGIN",
        "SAVEPOINT s"})
    void writesAreRecognised(String sql) {
        assertThat(D1Statements.writes(sql)).as(sql).isTrue();
    }

    @Test
    void splitsOnSemicolonsOutsideStringsCommentsAndTriggerBodies() {
        String sql = "CREATE TABLE t (v TEXT); -- one; two\n"
                + "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES ('a;b'); END;\n"
                + "INSERT INTO t VALUES ('x;y') /* ; */ ;; SELECT \"odd;name\" FROM t";

        List<D1Statements.Statement> statements = D1Statements.split(sql);

        assertThat(statements).extracting(D1Statements.Statement::keyword)
                .containsExactly("CREATE", "CREATE", "INSERT", "SELECT");
        assertThat(statements.get(1).text()).endsWith("END");
        assertThat(statements.get(2).text()).isEqualTo("INSERT INTO t VALUES ('x;y')");
        assertThat(sql.substring(statements.get(3).start())).startsWith("SELECT \"odd;name\"");
        assertThat(D1Statements.split("  ;  -- only a comment\n ; ")).isEmpty();
    }

    @Test
    void parametersAreCountedPerStatementAsSqliteNumbersThem() {
        assertThat(D1Statements.split("SELECT ?, ?; SELECT ?3; SELECT ?2, ?; SELECT :a, :a, @b; SELECT '?'"))
                .extracting(D1Statements.Statement::parameters).containsExactly(2, 3, 3, 2, 0);
    }

    @Test
    void sqlIsCheckedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> D1Service.check("  \n", List.of())).isInstanceOf(InvalidResourceInputException.class)
                .hasMessage("Enter SQL to run.");
        assertThatThrownBy(() -> D1Service.check("-- nothing", List.of())).hasMessageContaining("only comments");
        assertThatThrownBy(() -> D1Service.check("SELECT ?, ?", List.of("1")))
                .hasMessage("The SQL has 2 parameter placeholders (?) but 1 parameter was given.");
        assertThatThrownBy(() -> D1Service.check("SELECT 1", List.of("1", "2")))
                .hasMessage("The SQL has 0 parameter placeholders (?) but 2 parameters were given.");
        assertThatThrownBy(() -> D1Service.check("SELECT '" + "x".repeat(100_000) + "'", List.of()))
                .hasMessageContaining("100,000 bytes");
        assertThat(D1Service.check("SELECT ? AS a", List.of("1"))).hasSize(1);
    }

    @Test
    void databaseNamesAreCheckedAsD1Does() {
        D1Service.checkName("shop-2_eu");
        for (String bad : new String[] {"", "Shop", "-shop", "shop db", "x".repeat(65), "café"}) {
            assertThatThrownBy(() -> D1Service.checkName(bad)).as(bad).isInstanceOf(InvalidResourceInputException.class);
        }
    }
}
