package dev.flareobserver.orchestration.provision;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2BucketCreate;
import dev.flareobserver.api.r2.R2BucketListParams;
import dev.flareobserver.api.d1.D1Database;
import dev.flareobserver.api.d1.D1DatabaseListParams;
import dev.flareobserver.api.kv.KvNamespace;
import dev.flareobserver.api.kv.KvNamespaceListParams;
import dev.flareobserver.api.queues.Queue;
import dev.flareobserver.transport.NotFoundException;
import java.util.List;
import java.util.Objects;

/** {@link AccountResources} on the real API (or the emulator) through the core-api clients. */
public final class CloudflareAccountResources implements AccountResources {

    private final CloudflareClient client;
    private final String accountId;

    public CloudflareAccountResources(CloudflareClient client, String accountId) {
        this.client = Objects.requireNonNull(client, "client");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public List<LiveResource> list(ResourceKind kind) {
        return switch (kind) {
            case QUEUE -> client.queues().list(accountId).stream().map(CloudflareAccountResources::queue).toList();
            // 100 a page, the most the API gives: a plan for 50 bindings lists KV in one request.
            case KV_NAMESPACE -> client.kv().namespaces().listAll(accountId,
                            KvNamespaceListParams.defaults().withPerPage(KvNamespaceListParams.MAX_PER_PAGE)).stream()
                    .map(n -> new LiveResource(ResourceKind.KV_NAMESPACE, n.id(), n.title(), null)).toList();
            case R2_BUCKET -> client.r2().buckets().listAll(accountId, R2BucketListParams.defaults().withPerPage(1000))
                    .stream().map(b -> new LiveResource(ResourceKind.R2_BUCKET, b.name(), b.name(), null)).toList();
            case D1_DATABASE -> client.d1().databases().listAll(accountId,
                            D1DatabaseListParams.defaults().withPerPage(D1DatabaseListParams.DEFAULT_PER_PAGE)).stream()
                    .map(d -> new LiveResource(ResourceKind.D1_DATABASE, d.uuid(), d.name(), null)).toList();
            default -> throw unsupported(kind);
        };
    }

    @Override
    public LiveResource create(ResourceKind kind, String name, String jurisdiction) {
        return switch (kind) {
            case QUEUE -> queue(client.queues().create(accountId, name));
            case KV_NAMESPACE -> {
                KvNamespace n = client.kv().namespaces().create(accountId, name);
                yield new LiveResource(ResourceKind.KV_NAMESPACE, n.id(), n.title() == null ? name : n.title(), null);
            }
            case R2_BUCKET -> {
                if (jurisdiction != null) {
                    // The R2 client sends no cf-r2-jurisdiction header: creating there would put the bucket elsewhere.
                    throw new UnsupportedOperationException("R2 buckets in a jurisdiction (" + jurisdiction
                            + ") cannot be created by this build; create it with wrangler r2 bucket create --jurisdiction");
                }
                R2Bucket b = client.r2().buckets().create(accountId, R2BucketCreate.named(name));
                yield new LiveResource(ResourceKind.R2_BUCKET, name, b == null || b.name() == null ? name : b.name(), null);
            }
            case D1_DATABASE -> {
                D1Database d = client.d1().databases().create(accountId, name, null);
                yield new LiveResource(ResourceKind.D1_DATABASE, d.uuid(), d.name() == null ? name : d.name(), null);
            }
            default -> throw unsupported(kind);
        };
    }

    @Override
    public boolean delete(LiveResource resource) {
        try {
            switch (resource.kind()) {
                case QUEUE -> client.queues().delete(accountId, resource.id());
                case KV_NAMESPACE -> client.kv().namespaces().delete(accountId, resource.id());
                case R2_BUCKET -> client.r2().buckets().delete(accountId, resource.name());
                case D1_DATABASE -> client.d1().databases().delete(accountId, resource.id());
                default -> throw unsupported(resource.kind());
            }
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Override
    public dev.flareobserver.api.workers.ScriptSettings workerSettings(String scriptName) {
        return client.workers().scripts().settings(accountId, scriptName);
    }

    private static LiveResource queue(Queue q) {
        return new LiveResource(ResourceKind.QUEUE, q.queueId(), q.queueName(), null);
    }

    private static UnsupportedOperationException unsupported(ResourceKind kind) {
        return new UnsupportedOperationException(kind.label() + "s cannot be provisioned by this build yet");
    }
}
