package dev.flareobserver.app.session;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.containers.ContainersService;
import dev.flareobserver.orchestration.containers.InstanceOutput;
import dev.flareobserver.orchestration.deploy.ContainerDeployer;
import dev.flareobserver.orchestration.deploy.DeployWorkflow;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.logtail.LogTailService;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.d1.D1Service;
import dev.flareobserver.orchestration.resources.kv.KvService;
import dev.flareobserver.orchestration.resources.r2.R2Service;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The KV, R2, D1 and Containers services and the container deployer on the session's current connection, all
 * writing through one {@link ResourceWrites} (the session's write lock and audit trail). A new connection gets new
 * services, so no cache outlives the account it was filled from.
 */
public final class Resources {

    private final Supplier<Optional<AccountConnection>> connection;
    private final ResourceWrites writes;
    private final Cached<KvService> kv;
    private final Cached<R2Service> r2;
    private final Cached<D1Service> d1;
    private final Cached<ContainersService> containers;
    private final Cached<ContainerDeployer> deployer;

    public Resources(Supplier<Optional<AccountConnection>> connection, ResourceWrites writes) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.kv = new Cached<>(c -> new KvService(c, writes));
        this.r2 = new Cached<>(c -> new R2Service(c, writes));
        this.d1 = new Cached<>(c -> new D1Service(c, writes));
        this.containers = new Cached<>(c -> new ContainersService(c, writes));
        this.deployer = new Cached<>(c -> new DeployWorkflow(c, writes, DeployWorkflow.defaultCacheDir(System.getenv())));
    }

    public ResourceWrites writes() {
        return writes;
    }

    /** Empty when not connected. */
    public Optional<KvService> kv() {
        return connection.get().map(kv::on);
    }

    public Optional<R2Service> r2() {
        return connection.get().map(r2::on);
    }

    public Optional<D1Service> d1() {
        return connection.get().map(d1::on);
    }

    public Optional<ContainersService> containers() {
        return connection.get().map(containers::on);
    }

    /** The deploy of native binaries as containers (its Jib layer cache in {@link DeployWorkflow#defaultCacheDir}). */
    public Optional<ContainerDeployer> deployer() {
        return connection.get().map(deployer::on);
    }

    /**
     * The live output of one container instance: a tail on {@code worker}, the Worker that owns the instance's
     * application, filtered to the instance. Closing it deletes the tail.
     */
    public Optional<InstanceOutput> instanceOutput(String worker, String instanceId,
                                                   Consumer<List<InstanceOutput.Line>> listener) {
        return connection.get().map(c -> new InstanceOutput(new LogTailService(c).open(LogTailOptions.defaults()),
                worker, instanceId, listener));
    }

    /** One service per connection: rebuilt when the connection changes. */
    private static final class Cached<S> {
        private final Function<AccountConnection, S> factory;
        private AccountConnection owner;
        private S service;

        Cached(Function<AccountConnection, S> factory) {
            this.factory = factory;
        }

        synchronized S on(AccountConnection connection) {
            if (connection != owner) {
                owner = connection;
                service = factory.apply(connection);
            }
            return service;
        }
    }
}
