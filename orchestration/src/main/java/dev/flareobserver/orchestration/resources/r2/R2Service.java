package dev.flareobserver.orchestration.resources.r2;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import java.util.Objects;

/** R2 on the connection's current account: validated, paged, guarded by {@link ResourceWrites}. */
public final class R2Service {

    private final AccountConnection connection;
    private final ResourceWrites writes;

    public R2Service(AccountConnection connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
    }
}
