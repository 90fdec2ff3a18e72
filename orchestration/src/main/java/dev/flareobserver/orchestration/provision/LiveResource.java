package dev.flareobserver.orchestration.provision;

import java.util.Objects;

/** A resource as the account lists it. For R2 buckets the id is the name. */
public record LiveResource(ResourceKind kind, String id, String name, String jurisdiction) {

    public LiveResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
