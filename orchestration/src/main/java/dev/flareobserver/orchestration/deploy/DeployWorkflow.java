package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.task.TaskContext;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The deploy of a native binary as a Cloudflare Container, on the current account of {@code connection}. Every
 * change to the account goes through {@code writes} (read-only mode, audit). {@code cacheDir} holds Jib's layer
 * caches.
 */
public final class DeployWorkflow implements ContainerDeployer {

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private final Path cacheDir;

    public DeployWorkflow(AccountConnection connection, ResourceWrites writes, Path cacheDir) {
        this.connection = connection;
        this.writes = writes;
        this.cacheDir = cacheDir;
    }

    @Override
    public BinaryReport inspect(Path binary) throws IOException {
        throw new UnsupportedOperationException("being built on the deploy branch");
    }

    @Override
    public DeployResult deploy(DeployRequest request, DeployListener listener, TaskContext task) {
        throw new UnsupportedOperationException("being built on the deploy branch");
    }

    @Override
    public DeployResult rollback(String applicationName, DeployListener listener, TaskContext task) {
        throw new UnsupportedOperationException("being built on the deploy branch");
    }
}
