package dev.flareobserver.orchestration.resources.d1;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import java.util.Objects;

/** D1 on the connection's current account: validated, paged, guarded by {@link ResourceWrites}. */
public final class D1Service {

    private final AccountConnection connection;
    private final ResourceWrites writes;

    public D1Service(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }
}
