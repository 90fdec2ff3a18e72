package dev.flareobserver.orchestration.resources.kv;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import java.util.Objects;

/** KV on the connection's current account: validated, paged, guarded by {@link ResourceWrites}. */
public final class KvService {

    private final AccountConnection connection;
    private final ResourceWrites writes;

    public KvService(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }
}
