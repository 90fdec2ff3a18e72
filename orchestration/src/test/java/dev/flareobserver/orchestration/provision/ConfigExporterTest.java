package dev.flareobserver.orchestration.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConfigExporterTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static FakeAccount account() {
        FakeAccount a = new FakeAccount();
        a.add(ResourceKind.KV_NAMESPACE, "shop cache");
        a.add(ResourceKind.KV_NAMESPACE, "SHOP-CACHE");
        a.add(ResourceKind.D1_DATABASE, "shop-db");
        a.add(ResourceKind.R2_BUCKET, "shop-uploads");
        a.add(ResourceKind.QUEUE, "shop-orders");
        return a;
    }

    /** An exported account read back is a config whose plan keeps everything: the round trip is exact. */
    @Test
    void anExportedAccountPlansAsAllKeepInBothFormats() {
        FakeAccount a = account();
        for (ConfigFormat format : ConfigFormat.values()) {
            String text = ConfigExporter.account(a, "shop", TODAY, format);
            Path file = Path.of(format == ConfigFormat.TOML ? "wrangler.toml" : "wrangler.jsonc");
            WranglerConfig config = WranglerConfigReader.parse(file, text, null);
            assertThat(config.bindings()).extracting(DesiredBinding::binding)
                    .containsExactly("SHOP_CACHE", "SHOP_CACHE_2", "SHOP_DB", "SHOP_UPLOADS", "SHOP_ORDERS");
            ProvisionPlan plan = ProvisionPlanner.plan(config, a);
            assertThat(plan.items()).extracting(PlanItem::action).containsOnly(PlanAction.KEEP);
            assertThat(plan.hasChanges()).isFalse();
        }
    }

    @Test
    void aWorkersBindingsBecomeItsConfig() throws Exception {
        FakeAccount a = account();
        a.workerBindings = new ObjectMapper().readTree("""
                [ {"name": "CACHE", "type": "kv_namespace", "namespace_id": "abc"},
                  {"name": "ORDERS", "type": "queue", "queue_name": "shop-orders"},
                  {"name": "ENVIRONMENT", "type": "plain_text", "text": "production"},
                  {"name": "TOKEN", "type": "secret_text"} ]""");
        String toml = ConfigExporter.worker(a, "checkout", TODAY, ConfigFormat.TOML);
        assertThat(toml).isEqualTo("""
                # Exported by Flare Observer from the Worker checkout (account acc-1) on 2026-11-22.
                # "main" is a placeholder: point it at the Worker's entry module.
                # Not exported: binding TOKEN of type secret_text (secret values are never returned; set it with wrangler secret put).
                name = "checkout"
                main = "src/index.js"
                compatibility_date = "2024-09-01"

                [vars]
                ENVIRONMENT = "production"

                [[kv_namespaces]]
                binding = "CACHE"
                id = "abc"

                [[queues.producers]]
                binding = "ORDERS"
                queue = "shop-orders"
                """);
        WranglerConfig back = WranglerConfigReader.parse(Path.of("wrangler.jsonc"),
                ConfigExporter.worker(a, "checkout", TODAY, ConfigFormat.JSONC), null);
        assertThat(back.bindings()).extracting(DesiredBinding::describe).containsExactly("KV namespace CACHE", "queue ORDERS");
    }
}
