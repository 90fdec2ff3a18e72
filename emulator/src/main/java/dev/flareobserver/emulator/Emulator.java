package dev.flareobserver.emulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.flareobserver.emulator.accounts.AccountRoutes;
import dev.flareobserver.emulator.accounts.AccountStore;
import dev.flareobserver.emulator.admin.AdminRoutes;
import dev.flareobserver.emulator.auth.Authenticator;
import dev.flareobserver.emulator.auth.TokenStore;
import dev.flareobserver.emulator.auth.TokenVerifyRoutes;
import dev.flareobserver.emulator.containers.ContainersFeature;
import dev.flareobserver.emulator.d1.D1Feature;
import dev.flareobserver.emulator.faults.FaultInjector;
import dev.flareobserver.emulator.kv.KvFeature;
import dev.flareobserver.emulator.queues.QueuesFeature;
import dev.flareobserver.emulator.r2.R2Feature;
import dev.flareobserver.emulator.graphql.GraphqlEndpoint;
import dev.flareobserver.emulator.memberships.MembershipRoutes;
import dev.flareobserver.emulator.memberships.MembershipStore;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.ResponseWriter;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.ratelimit.RateLimiter;
import dev.flareobserver.emulator.registry.Registry;
import dev.flareobserver.emulator.registry.RegistryHandler;
import dev.flareobserver.emulator.registry.RegistryTls;
import dev.flareobserver.emulator.state.Migrations;
import dev.flareobserver.emulator.state.StateException;
import dev.flareobserver.emulator.state.StateStore;
import dev.flareobserver.emulator.stats.RequestStats;
import dev.flareobserver.emulator.tail.TailAdminRoutes;
import dev.flareobserver.emulator.tail.TailRoutes;
import dev.flareobserver.emulator.tail.TailService;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import dev.flareobserver.emulator.user.UserRoutes;
import dev.flareobserver.emulator.user.UserStore;
import dev.flareobserver.emulator.workers.DurableObjectNamespaces;
import dev.flareobserver.emulator.workers.WorkerDirectory;
import dev.flareobserver.emulator.workers.WorkerRoutes;
import dev.flareobserver.emulator.workers.WorkerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Cloudflare API on 127.0.0.1: REST v4 under {@code /client/v4}, admin under
 * {@code /__emulator/}. Start with {@link #start(EmulatorOptions)}; close to stop.
 * <pre>
 * try (Emulator emu = Emulator.start(EmulatorOptions.builder().extraAccounts(12).build())) {
 *     String base = emu.baseUrl();   // http://127.0.0.1:PORT/client/v4
 *     String token = emu.userToken();
 * }
 * </pre>
 */
public final class Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final StateStore state;
    private final DemoSeeder seeder;
    private final EmulatorOptions options;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final RateLimiter limiter;
    private volatile Duration startupTime;
    private volatile TrafficSimulator traffic;
    private volatile RateLimiter graphqlLimiter;
    private volatile WorkerStore workers;
    private volatile TailService tails;
    private volatile DemoSeeder.Seeded seeded;
    private volatile boolean closed;
    private volatile List<EmulatorFeature> features = List.of();
    private volatile ContainersFeature containers;
    private volatile HttpsServer registryServer;
    private volatile Registry registry;
    /** The temporary data directory of an in-memory emulator (deleted on close); null when the state persists. */
    private volatile Path dataDir;

    private Emulator(HttpServer server, ExecutorService executor, StateStore state, DemoSeeder seeder,
                     EmulatorOptions options, FaultInjector faults, RequestStats stats, RateLimiter limiter,
                     DemoSeeder.Seeded seeded) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        this.seeder = seeder;
        this.options = options;
        this.faults = faults;
        this.stats = stats;
        this.limiter = limiter;
        this.seeded = seeded;
    }

    /**
     * Opens the state, seeds the demo world and starts serving. Returns once the port accepts requests.
     *
     * @throws EmulatorException if the port is taken or the state cannot be opened
     * @throws IllegalArgumentException for an account token naming an unknown account
     */
    public static Emulator start(EmulatorOptions options) {
        long t0 = System.nanoTime();
        // Opening SQLite (native library load) and warming Jackson are the two slow parts of a cold
        // start; they share nothing, so the state is opened and seeded on a helper thread meanwhile.
        CompletableFuture<Opened> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(Opened.open(options));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        }, "flare-emulator-state");
        opener.setDaemon(true);
        opener.start();

        HttpServer server = null;
        ExecutorService executor = null;
        Opened opened = null;
        try {
            Envelope.success(new EmulatorAccount("warm", "up")); // loads Jackson's serialisers
            // Without TCP_NODELAY the JDK server's small writes wait on the peer's delayed ACK: ~40 ms
            // per request on a kept-alive connection. Read once, when the server classes load.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
            executor = Executors.newCachedThreadPool(daemonThreads());
            server.setExecutor(executor);
            opened = join(opening);

            Router router = new Router();
            TokenVerifyRoutes.register(router);
            new UserRoutes(opened.users).register(router);
            AccountRoutes accountRoutes = new AccountRoutes(opened.accounts);
            accountRoutes.register(router);
            new MembershipRoutes(opened.memberships).register(router);
            new WorkerRoutes(opened.workers, accountRoutes, opened.users, options.clock()).register(router);

            FaultInjector faults = new FaultInjector(options.clock());
            RequestStats stats = new RequestStats(options.clock());
            RateLimiter limiter = new RateLimiter(options.rateLimit(), options.rateWindow(), options.clock());
            Authenticator authenticator = new Authenticator(opened.tokens, opened.users, options.clock());
            Emulator emulator = new Emulator(server, executor, opened.state, opened.seeder, options, faults, stats,
                    limiter, opened.seeded);
            emulator.workers = opened.workers;
            // Traffic runs on the wall clock; the scripted incidents are placed relative to this start.
            TrafficSimulator traffic = new TrafficSimulator(opened.workers, options.clock(), options.clock().instant());
            AccountStore accountStore = opened.accounts;
            // Containers come up below; the metrics read the feature's samples once it is there.
            GraphqlEndpoint graphql = new GraphqlEndpoint(traffic, (account, from, to) -> emulator.containers == null
                    ? List.of() : emulator.containers.instances().samples(account, from, to), options.clock(),
                    (principal, account) -> accountStore.visibleTo(principal).stream().anyMatch(a -> a.id().equals(account)));
            graphql.register(router);
            RateLimiter graphqlLimiter = new RateLimiter(GraphqlEndpoint.QUERIES_PER_WINDOW, Duration.ofMinutes(5),
                    options.clock());
            WorkerStore workerStore = opened.workers;
            // Live tails read the same simulated invocations; their socket server starts with the first tail.
            TailService tails = new TailService(traffic, (account, script) -> workerStore.script(account, script)
                    .flatMap(WorkerStore.ScriptState::currentVersion)
                    .map(v -> v.handlers().contains("scheduled")).orElse(false),
                    options.clock(), options.tailLifetime(), options.tailSamplingThreshold());
            new TailRoutes(tails, accountRoutes, workerStore).register(router);
            Path dataDir = options.stateDir() != null ? options.stateDir().resolve("data")
                    : Files.createTempDirectory("flare-emulator-data");
            FeatureContext featureContext = new FeatureContext(opened.state, accountRoutes, options, options.clock(),
                    dataDir);
            emulator.dataDir = options.stateDir() != null ? null : dataDir;
            // The OCI registry: plain HTTP under /v2/ on the API's port, and HTTPS on a port of its own, opened when
            // first needed (registry_host of push credentials: registry clients try HTTPS first, and wait for an
            // answer to their TLS hello on a plain-HTTP port).
            ExecutorService httpExecutor = executor;
            Registry registry = Registry.create(dataDir, options.clock(), "127.0.0.1:" + server.getAddress().getPort(),
                    handler -> emulator.openRegistryTls(handler, httpExecutor));
            emulator.registry = registry;
            ContainersFeature containers = ContainersFeature.create(featureContext, registry);
            emulator.containers = containers;
            // Instances of an application bound to a Worker's Durable Object namespace write into that Worker's tails.
            DurableObjectNamespaces namespaces = new DurableObjectNamespaces(workerStore);
            tails.containerOwners((account, application) -> containers.durableObjectNamespace(account, application)
                    .flatMap(ns -> namespaces.find(account, ns)).map(DurableObjectNamespaces.Namespace::script));
            containers.addOutputListener(line -> tails.containerLine(line.accountId(), line.applicationId(),
                    line.instanceId(), "stderr".equals(line.stream()), line.time(), line.text()));
            emulator.features = List.of(KvFeature.create(featureContext), R2Feature.create(featureContext),
                    D1Feature.create(featureContext), QueuesFeature.create(featureContext), containers);
            for (EmulatorFeature feature : emulator.features) {
                feature.register(router);
                feature.seed(opened.seeded.accounts());
            }
            emulator.traffic = traffic;
            emulator.graphqlLimiter = graphqlLimiter;
            emulator.tails = tails;
            server.createContext(ApiPipeline.PREFIX, new ApiPipeline(router, authenticator, limiter, faults, stats,
                    graphql, graphqlLimiter));
            server.createContext(AdminRoutes.PREFIX, new AdminRoutes(faults, stats, emulator::reset, emulator::info)
                    .extend(new TailAdminRoutes(tails)::register));
            server.createContext(RegistryHandler.PREFIX, registry.handler());
            // Anything else (e.g. "/") gets the API's own 404 envelope.
            server.createContext("/", exchange -> ResponseWriter.write(exchange, ApiPipeline.noRoute()));
            server.start();
            emulator.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("Flare Observer emulator listening on {} (started in {} ms)", emulator.baseUrl(),
                    emulator.startupTime.toMillis());
            return emulator;
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                cleanup(server, executor, opened.state);
            } else {
                cleanup(server, executor, null);
                // The state may still be opening; close it whenever it gets there.
                opening.thenAccept(o -> o.state.close());
            }
            if (e instanceof IOException io) {
                throw new EmulatorException("Could not listen on 127.0.0.1:" + options.port() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The state and its stores, opened and seeded. */
    private record Opened(StateStore state, UserStore users, AccountStore accounts, MembershipStore memberships,
                          TokenStore tokens, WorkerStore workers, DemoSeeder seeder, DemoSeeder.Seeded seeded) {

        static Opened open(EmulatorOptions options) {
            StateStore state;
            try {
                state = StateStore.open(options.stateDir(), Migrations.ALL);
            } catch (StateException e) {
                throw new EmulatorException(e.getMessage(), e);
            }
            try {
                UserStore users = new UserStore(state);
                AccountStore accounts = new AccountStore(state);
                MembershipStore memberships = new MembershipStore(state);
                TokenStore tokens = new TokenStore(state);
                WorkerStore workers = new WorkerStore(state);
                DemoSeeder seeder = new DemoSeeder(users, accounts, memberships, tokens, workers);
                DemoSeeder.Seeded seeded = seeder.seed(options, options.userToken(), options.apiKey(),
                        options.clock().instant());
                return new Opened(state, users, accounts, memberships, tokens, workers, seeder, seeded);
            } catch (RuntimeException e) {
                state.close();
                throw e;
            }
        }
    }

    private static Opened join(CompletableFuture<Opened> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new EmulatorException("Could not open the emulator state: " + e.getCause(), e.getCause());
        }
    }

    /** {@code http://127.0.0.1:PORT/client/v4} — what {@code CLOUDFLARE_API_BASE_URL} should be. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + ApiPipeline.PREFIX;
    }

    /** {@code http://127.0.0.1:PORT/__emulator} */
    public String adminUrl() {
        return "http://127.0.0.1:" + port() + AdminRoutes.PREFIX;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The user API token the emulator accepts (as configured, or generated). */
    public String userToken() {
        return seeded.userToken();
    }

    /** The global API key accepted with {@code X-Auth-Email: }{@link #userEmail()}. */
    public String apiKey() {
        return seeded.apiKey();
    }

    public String userEmail() {
        return DemoWorld.USER_EMAIL;
    }

    /** Every account the demo user belongs to, in creation order (the two demo accounts first). */
    public List<EmulatorAccount> accounts() {
        return seeded.accounts();
    }

    /** Where the state lives, or null when in memory. */
    public Path stateFile() {
        return state.file();
    }

    /** The emulated accounts' Workers and their deployment history (what the traffic simulator reads). */
    public WorkerDirectory workerDirectory() {
        return workers;
    }

    /** The simulated Workers traffic behind GraphQL analytics and tails. */
    public TrafficSimulator traffic() {
        return traffic;
    }

    /** Workers live tails (REST, WebSocket server, the stream from the traffic simulator). */
    public TailService tails() {
        return tails;
    }

    /** Cloudflare Containers: running instances, their output and output listeners. */
    public ContainersFeature containers() {
        return containers;
    }

    /**
     * {@code 127.0.0.1:PORT} of the OCI registry's HTTPS port (self-signed: clients connect as to an insecure
     * registry); images are {@code HOST/<account_id>/<name>:<tag>}. The same registry answers plain HTTP under
     * {@code /v2/} on {@link #port()}.
     */
    public String registryHost() {
        return registry.host();
    }

    /** Opens the registry's HTTPS port (once, on first use); returns its {@code 127.0.0.1:PORT}. */
    private synchronized String openRegistryTls(com.sun.net.httpserver.HttpHandler handler, ExecutorService httpExecutor) {
        if (closed) {
            throw new IllegalStateException("The emulator is closed");
        }
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(RegistryTls.context()));
            https.setExecutor(httpExecutor);
            https.createContext(RegistryHandler.PREFIX, handler);
            https.start();
            registryServer = https;
            return "127.0.0.1:" + https.getAddress().getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not open the registry's HTTPS port: " + e.getMessage(), e);
        }
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestStats stats() {
        return stats;
    }

    /** From {@link #start} being called to the port accepting requests. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Clears stats, faults, rate-limit windows and tails (their sockets close with 1001); the state is kept. */
    public void reset() {
        reset(false);
    }

    /**
     * Like {@link #reset()}; with {@code includeState} the state is also emptied and the demo world
     * re-seeded (the user token and API key stay the same, so connected clients keep working).
     */
    public synchronized void reset(boolean includeState) {
        stats.reset();
        faults.clear();
        limiter.reset();
        if (graphqlLimiter != null) {
            graphqlLimiter.reset();
        }
        if (tails != null) {
            tails.reset();
        }
        if (includeState) {
            state.clearAllRows();
            seeded = seeder.seed(options, seeded.userToken(), seeded.apiKey(), options.clock().instant());
            for (EmulatorFeature feature : features) {
                feature.stateCleared();
                feature.seed(seeded.accounts());
            }
        }
    }

    private Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base_url", baseUrl());
        out.put("schema_version", state.schemaVersion());
        out.put("state", state.file() == null ? "memory" : state.file().toString());
        out.put("accounts", accounts());
        return out;
    }

    /** Stops serving (requests in flight are cut off, tail sockets close with 1001) and closes the state. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tails != null) {
            tails.close();
        }
        for (EmulatorFeature feature : features) {
            try {
                feature.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed: {}", feature.getClass().getSimpleName(), e.getMessage());
            }
        }
        if (registryServer != null) {
            registryServer.stop(0);
        }
        cleanup(server, executor, state);
        deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    private static void cleanup(HttpServer server, ExecutorService executor, StateStore state) {
        if (server != null) {
            // stop(n > 0) sleeps in 200 ms steps even when idle; tests start and stop many emulators.
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (state != null) {
            state.close();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "flare-emulator-http-" + n.incrementAndGet());
            // Daemon: a forgotten emulator must not keep the app's JVM alive.
            t.setDaemon(true);
            return t;
        };
    }
}
