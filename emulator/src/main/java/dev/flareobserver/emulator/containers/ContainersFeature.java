package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.EmulatorAccount;
import dev.flareobserver.emulator.EmulatorFeature;
import dev.flareobserver.emulator.FeatureContext;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cloudflare Containers: the {@code /containers} REST API ({@link ContainerRoutes}), instances as local processes
 * ({@link InstanceSupervisor}), rollouts, container pools, and the demo account's pool of {@code flare-hello}. An
 * account's instances and pools start on its first containers request (not at emulator start), in the background.
 */
public final class ContainersFeature implements EmulatorFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ContainersFeature.class);

    private final Registry registry;
    private final InstanceSupervisor supervisor;
    private final ContainersService service;
    private final ContainerPools pools;
    private final ContainerRoutes routes;
    private final Set<String> activated = ConcurrentHashMap.newKeySet();

    private ContainersFeature(FeatureContext context, Registry registry) {
        this.registry = registry;
        this.supervisor = new InstanceSupervisor(registry, context.dataDir(), context.clock(),
                context.options().containerMaxRuntime());
        this.service = new ContainersService(new ContainerStore(context.state()), supervisor, context.clock());
        supervisor.labelsFrom(this::labels);
        this.pools = new ContainerPools(service);
        this.routes = new ContainerRoutes(service, pools, context.accounts(), registry, this::activate);
        supervisor.onChange(this::recordFailures);
    }

    public static ContainersFeature create(FeatureContext context, Registry registry) {
        return new ContainersFeature(context, registry);
    }

    @Override
    public void register(Router router) {
        routes.register(router);
    }

    @Override
    public void seed(List<EmulatorAccount> accounts) {
        if (!accounts.isEmpty()) {
            DemoContainers.seed(service, accounts.get(0).id());
        }
    }

    /** The running instances: their state, output ({@link Instance#output()}) and output listeners. */
    public InstanceSupervisor instances() {
        return supervisor;
    }

    /** Hears every instance's output lines (for tails); close the handle to stop. */
    public AutoCloseable addOutputListener(InstanceOutputListener listener) {
        return supervisor.addOutputListener(listener);
    }

    /**
     * The Durable Object namespace an application is bound to ({@code durable_objects.namespace_id}), if any: its
     * owning Worker's tails show the application's output.
     */
    public Optional<String> durableObjectNamespace(String accountId, String applicationId) {
        return service.store().application(accountId, applicationId)
                .map(app -> app.path("durable_objects").path("namespace_id").asText(""))
                .filter(id -> !id.isEmpty());
    }

    /** The application's {@code configuration.labels} as name -> value. */
    private Map<String, String> labels(String accountId, String applicationId) {
        Map<String, String> out = new LinkedHashMap<>();
        service.store().application(accountId, applicationId).ifPresent(app -> app.path("configuration").path("labels")
                .forEach(l -> out.put(l.path("name").asText(), l.path("value").asText())));
        return out;
    }

    /**
     * First containers request for an account: bring its applications up (the demo image into the registry, pools,
     * instances to their count). Cheap: instances come up on worker threads, the request does not wait for them.
     */
    private void activate(String accountId) {
        if (!activated.add(accountId)) {
            return;
        }
        try {
            for (ObjectNode app : service.store().applications(accountId)) {
                if (DemoContainers.isDemo(app) && !DemoContainers.ensureImage(registry.storage(), accountId)) {
                    continue;
                }
                if (app.has("pool")) {
                    pools.resume(app);
                } else {
                    service.reconcile(app);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Starting the containers of account {} failed: {}", accountId, e.toString());
        }
    }

    private void recordFailures() {
        supervisor.all().stream().map(Instance::snapshot).filter(s -> s.state() == InstanceState.FAILED)
                .forEach(service::recordFailure);
    }

    @Override
    public void stateCleared() {
        pools.clear();
        service.close();
        supervisor.killAll();
        activated.clear();
    }

    @Override
    public void close() {
        pools.close();
        service.close();
        supervisor.close();
    }
}
