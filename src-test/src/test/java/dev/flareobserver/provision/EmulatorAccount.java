package dev.flareobserver.provision;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import dev.flareobserver.orchestration.provision.LiveResource;
import dev.flareobserver.orchestration.provision.ResourceKind;
import dev.flareobserver.transport.Credentials;
import dev.flareobserver.transport.RetryPolicy;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The emulator's first account through the real client, and a full dump of what provisioning can touch. */
final class EmulatorAccount {

    /** Every kind provisioning handles. */
    static final List<ResourceKind> KINDS = List.of(ResourceKind.values());

    /** Where each kind's create goes (for fault rules). */
    static String createPath(ResourceKind kind) {
        return switch (kind) {
            case KV_NAMESPACE -> "/accounts/*/storage/kv/namespaces";
            case D1_DATABASE -> "/accounts/*/d1/database";
            case R2_BUCKET -> "/accounts/*/r2/buckets";
            case QUEUE -> "/accounts/*/queues";
        };
    }

    /** Deletes what the tests created (names starting with {@code prefix}). */
    static void clean(CloudflareAccountResources account, String prefix) {
        for (ResourceKind kind : KINDS) {
            for (var r : account.list(kind)) {
                if (r.name().startsWith(prefix)) {
                    account.delete(r);
                }
            }
        }
    }

    private EmulatorAccount() {
    }

    static CloudflareClient client(Emulator emulator) {
        return CloudflareClient.builder().baseUrl(emulator.baseUrl())
                .credentials(new Credentials.ApiToken(emulator.userToken()))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10), 0.25))
                .build();
    }

    static CloudflareAccountResources resources(Emulator emulator, CloudflareClient client) {
        return new CloudflareAccountResources(client, emulator.accounts().get(0).id());
    }

    /** Every listed resource of every kind, ids included, sorted: equal dumps mean equal accounts. */
    static Map<ResourceKind, List<String>> dump(CloudflareAccountResources account) {
        Map<ResourceKind, List<String>> out = new TreeMap<>();
        for (ResourceKind kind : KINDS) {
            out.put(kind, account.list(kind).stream().sorted(Comparator.comparing(LiveResource::name))
                    .map(r -> r.name() + "=" + r.id()).toList());
        }
        return out;
    }

    static Map<String, String> cliEnv(Emulator emulator, java.nio.file.Path home) {
        return Map.of("CLOUDFLARE_API_TOKEN", emulator.userToken(), "CLOUDFLARE_API_BASE_URL", emulator.baseUrl(),
                "CLOUDFLARE_ACCOUNT_ID", emulator.accounts().get(0).id(), "HOME", home.toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString());
    }
}
