package dev.flareobserver.orchestration.provision;

import java.util.Objects;

/**
 * One resource a config binds, as the config says it.
 *
 * @param binding   the binding name ({@code env.CACHE}); null for a queue consumer, which binds none
 * @param name      the resource's name: KV title, D1 database name, R2 bucket name, queue name
 * @param id        the configured id ({@code id}, {@code database_id}); null when the config has none (and for
 *                  R2 and queues, whose names are their ids)
 * @param nameFromConfig false when the name was derived the way wrangler derives one (no name in the config)
 * @param entryPath where the entry is in the config ({@code env.staging.kv_namespaces[0]}), for write-back
 */
public record DesiredBinding(ResourceKind kind, String binding, String name, String id, String jurisdiction,
                             boolean nameFromConfig, String entryPath, SourceLocation location) {

    public DesiredBinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entryPath, "entryPath");
        Objects.requireNonNull(location, "location");
    }

    /** "KV namespace CACHE", "queue consumer of order-events". */
    public String describe() {
        return binding == null ? kind.label() + " consumer of " + name : kind.label() + " " + binding;
    }
}
