package dev.flareobserver.orchestration.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WranglerConfigReaderTest {

    private static final Path TOML = Path.of("wrangler.toml");
    private static final Path JSONC = Path.of("wrangler.jsonc");

    static final String COMMENTED_TOML = """
            # The shop's API Worker
            name = "shop-api"
            main = "src/index.ts"
            compatibility_date = "2024-09-01"

            [[kv_namespaces]]
            binding = "CACHE"   # page cache

            [[kv_namespaces]]
            binding = "SESSIONS"
            id = "0f2ac74b498b48028cb68387c421e279"

            # Uploads go here
            [[r2_buckets]]
            binding = "UPLOADS"
            bucket_name = "shop-uploads"

            [[d1_databases]]
            binding = "DB"
            database_name = "shop-db"

            [queues]
            producers = [ { binding = "ORDERS", queue = "shop-orders" } ]
            consumers = [ { queue = "shop-orders" } ]

            [env.staging]
            name = "shop-api-staging"
            kv_namespaces = [ { binding = "CACHE" } ]
            """;

    @Test
    void readsEveryKindWithLocations() {
        WranglerConfig c = WranglerConfigReader.parse(TOML, COMMENTED_TOML, null);
        assertThat(c.workerName()).isEqualTo("shop-api");
        assertThat(c.bindings()).extracting(DesiredBinding::describe).containsExactly(
                "KV namespace CACHE", "KV namespace SESSIONS", "R2 bucket UPLOADS", "D1 database DB",
                "queue ORDERS", "queue consumer of shop-orders");
        DesiredBinding cache = c.bindings().get(0);
        assertThat(cache.name()).as("wrangler's title for a KV binding without id").isEqualTo("shop-api-cache");
        assertThat(cache.id()).isNull();
        assertThat(cache.location().line()).isEqualTo(6);
        assertThat(c.bindings().get(1).id()).isEqualTo("0f2ac74b498b48028cb68387c421e279");
        assertThat(c.bindings().get(4).location().line()).isEqualTo(23);
    }

    @Test
    void anEnvironmentDoesNotInheritTopLevelBindings() {
        WranglerConfig c = WranglerConfigReader.parse(TOML, COMMENTED_TOML, "staging");
        assertThat(c.bindings()).extracting(DesiredBinding::describe).containsExactly("KV namespace CACHE");
        assertThat(c.bindings().get(0).name()).isEqualTo("shop-api-staging-cache");
        assertThat(c.bindings().get(0).location().line()).isEqualTo(28);
        assertThatThrownBy(() -> WranglerConfigReader.parse(TOML, COMMENTED_TOML, "prod"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("no environment \"prod\"");
    }

    @Test
    void readsJsonWithCommentsAndTrailingCommas() {
        String text = """
                {
                  // the worker
                  "name": "shop-api",
                  "kv_namespaces": [
                    { "binding": "CACHE", },
                  ],
                  /* staging */
                  "env": { "staging": { "d1_databases": [ { "binding": "DB", "database_name": "shop-db-staging" } ] } },
                }
                """;
        WranglerConfig top = WranglerConfigReader.parse(JSONC, text, null);
        assertThat(top.bindings()).extracting(DesiredBinding::name).containsExactly("shop-api-cache");
        assertThat(top.bindings().get(0).location().line()).isEqualTo(5);
        WranglerConfig staging = WranglerConfigReader.parse(JSONC, text, "staging");
        assertThat(staging.bindings()).extracting(DesiredBinding::name).containsExactly("shop-db-staging");
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        InvalidConfigException toml = catchThrowableOfType(() -> WranglerConfigReader.parse(TOML,
                "name = \"x\"\n[[kv_namespaces]]\nbinding = \"A\n", null), InvalidConfigException.class);
        assertThat(toml.problems()).hasSize(1);
        assertThat(toml.problems().get(0).location().line()).isEqualTo(3);
        assertThat(toml.problems().get(0).message()).startsWith("syntax error");

        InvalidConfigException json = catchThrowableOfType(() -> WranglerConfigReader.parse(JSONC,
                "{\n  \"name\": \"x\",\n  \"kv_namespaces\": [ { \"binding\" \"A\" } ]\n}\n", null),
                InvalidConfigException.class);
        assertThat(json.problems().get(0).location().line()).isEqualTo(3);
        assertThat(json.problems().get(0).location().column()).isEqualTo(34);
    }

    @Test
    void semanticProblemsAreAllReportedAtTheirEntries() {
        String text = """
                name = "shop"

                [[kv_namespace]]
                binding = "CACHE"

                [[kv_namespaces]]
                binding = "CACHE"

                [[kv_namespaces]]
                binding = "CACHE"

                [[r2_buckets]]
                binding = "UP"
                bucket_name = "Shop_Uploads"

                [[d1_databases]]
                binding = "my-db"
                database_name = "db"

                [queues]
                producers = [ { binding = "Q", queue = "-bad-" } ]
                """;
        InvalidConfigException e = catchThrowableOfType(() -> WranglerConfigReader.parse(TOML, text, null),
                InvalidConfigException.class);
        List<String> problems = e.problems().stream().map(p -> p.location().line() + ": " + p.message()).toList();
        assertThat(problems).containsExactlyInAnyOrder(
                "3: unknown binding type \"kv_namespace\" (did you mean \"kv_namespaces\"?)",
                "9: duplicate binding name \"CACHE\" (first used at line 6)",
                "14: R2 bucket name \"Shop_Uploads\" is invalid: 3-63 lowercase letters, digits and hyphens, "
                        + "starting and ending with a letter or digit",
                "16: binding name \"my-db\" is not a JavaScript identifier (letters, digits, _ and $, not starting with a digit)",
                "21: queue name \"-bad-\" is invalid: 1-63 lowercase letters, digits and dashes, not starting or ending "
                        + "with a dash");
    }

    @Test
    void aKvBindingWithoutIdNeedsAWorkerName() {
        assertThatThrownBy(() -> WranglerConfigReader.parse(TOML, "[[kv_namespaces]]\nbinding = \"CACHE\"\n", null))
                .hasMessageContaining("wrangler.toml:1:1: the config has no Worker \"name\"");
    }
}
