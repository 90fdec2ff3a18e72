package dev.flareobserver.orchestration.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Write-back changes only the id lines: the whole text is compared. */
class ConfigWriteBackTest {

    @Test
    void tomlInsertsIdLinesAndKeepsEverythingElse() {
        WranglerConfig c = WranglerConfigReader.parse(Path.of("wrangler.toml"), WranglerConfigReaderTest.COMMENTED_TOML, null);
        String after = ConfigWriteBack.edit(c, List.of(
                new ConfigWriteBack.IdEdit("kv_namespaces[0]", "id", "aaaa"),
                new ConfigWriteBack.IdEdit("d1_databases[0]", "database_id", "bbbb-cccc")));
        assertThat(after).isEqualTo(WranglerConfigReaderTest.COMMENTED_TOML
                .replace("binding = \"CACHE\"   # page cache\n", "binding = \"CACHE\"   # page cache\nid = \"aaaa\"\n")
                .replace("database_name = \"shop-db\"\n", "database_name = \"shop-db\"\ndatabase_id = \"bbbb-cccc\"\n"));
        assertThat(WranglerConfigReader.parse(Path.of("wrangler.toml"), after, null).bindings().get(0).id()).isEqualTo("aaaa");
    }

    @Test
    void tomlInlineTablesIndentationCrlfAndExistingValues() {
        String text = "name = \"w\"\r\n[env.staging]\r\n  kv_namespaces = [ { binding = \"CACHE\" } ]  # inline\r\n"
                + "  [[env.staging.d1_databases]]\r\n    binding = \"DB\"\r\n    database_name = \"db\"\r\n    database_id = \"\"";
        WranglerConfig c = WranglerConfigReader.parse(Path.of("wrangler.toml"), text, "staging");
        String after = ConfigWriteBack.edit(c, List.of(
                new ConfigWriteBack.IdEdit("env.staging.kv_namespaces[0]", "id", "k1"),
                new ConfigWriteBack.IdEdit("env.staging.d1_databases[0]", "database_id", "d1")));
        assertThat(after).isEqualTo("name = \"w\"\r\n[env.staging]\r\n  kv_namespaces = [ { binding = \"CACHE\", id = \"k1\" } ]  # inline\r\n"
                + "  [[env.staging.d1_databases]]\r\n    binding = \"DB\"\r\n    database_name = \"db\"\r\n    database_id = \"d1\"");
    }

    @Test
    void tomlEntryAtEndOfFileWithoutNewline() {
        String text = "name = \"w\"\n\n[[kv_namespaces]]\n  binding = \"CACHE\" # c";
        WranglerConfig c = WranglerConfigReader.parse(Path.of("wrangler.toml"), text, null);
        String after = ConfigWriteBack.edit(c, List.of(new ConfigWriteBack.IdEdit("kv_namespaces[0]", "id", "k1")));
        assertThat(after).isEqualTo(text + "\n  id = \"k1\"\n");
    }

    @Test
    void jsoncKeepsCommentsAndTrailingCommaStyle() {
        String text = """
                {
                  // shop
                  "name": "shop-api",
                  "kv_namespaces": [
                    {
                      "binding": "CACHE", // page cache
                    },
                    {
                      "binding": "SESSIONS" /* sessions */
                    },
                    { "binding": "FLAGS" }
                  ],
                  "d1_databases": [
                    {
                    \t"binding": "DB",
                    \t"database_name": "shop-db"
                    }
                  ]
                }
                """;
        WranglerConfig c = WranglerConfigReader.parse(Path.of("wrangler.jsonc"), text, null);
        String after = ConfigWriteBack.edit(c, List.of(
                new ConfigWriteBack.IdEdit("kv_namespaces[0]", "id", "k0"),
                new ConfigWriteBack.IdEdit("kv_namespaces[1]", "id", "k1"),
                new ConfigWriteBack.IdEdit("kv_namespaces[2]", "id", "k2"),
                new ConfigWriteBack.IdEdit("d1_databases[0]", "database_id", "d0")));
        assertThat(after).isEqualTo("""
                {
                  // shop
                  "name": "shop-api",
                  "kv_namespaces": [
                    {
                      "binding": "CACHE", // page cache
                      "id": "k0",
                    },
                    {
                      "binding": "SESSIONS", /* sessions */
                      "id": "k1"
                    },
                    { "binding": "FLAGS", "id": "k2" }
                  ],
                  "d1_databases": [
                    {
                    \t"binding": "DB",
                    \t"database_name": "shop-db",
                    \t"database_id": "d0"
                    }
                  ]
                }
                """);
        assertThat(WranglerConfigReader.parse(Path.of("wrangler.jsonc"), after, null).bindings())
                .extracting(DesiredBinding::id).containsExactly("k0", "k1", "k2", "d0");
    }
}
