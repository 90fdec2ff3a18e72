package dev.flareobserver.emulator.containers;

import dev.flareobserver.emulator.registry.Registry;
import dev.flareobserver.emulator.registry.RegistryStorage;
import dev.flareobserver.emulator.state.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs emulated instances as local processes: unpacks the image, starts its entrypoint with {@code PORT} and
 * Cloudflare's environment, health-checks the port, captures output, stops with SIGTERM then SIGKILL after a grace
 * period, and runs {@code exec} and {@code fetch} against an instance. There is no isolation: the process runs as the
 * emulator's user in the instance's directory, with a clean environment (the emulator's own, which may hold
 * Cloudflare tokens, is never passed on). While any instance is active a sampler reads its CPU and memory from
 * {@code /proc} every second ({@link InstanceSampler}, the GraphQL container metrics) and enforces the limits: more
 * resident memory than the instance type allows kills the process (reported {@code failed}, as an out-of-memory
 * kill), and an instance running longer than the maximum run time is stopped.
 */
public final class InstanceSupervisor implements AutoCloseable {

    /** How long a started process may take to accept connections before it counts as unhealthy. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration HEALTH_INTERVAL = Duration.ofMillis(150);
    private static final Logger LOG = LoggerFactory.getLogger(InstanceSupervisor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "host", "expect",
            "upgrade");

    /** What to start: the application's configuration resolved to plain values. */
    public record StartSpec(String accountId, String applicationId, String name, int version, String image,
                            List<String> entrypoint, List<String> command, Map<String, String> environment,
                            List<String> regions, Duration stopGrace, double vcpu, int memoryMib, int diskMb) {
    }

    public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
    }

    public record FetchResult(int status, Map<String, String> headers, byte[] body) {
    }

    private static final String PID_FILE = "pid";

    private final Registry registry;
    private final Path instancesDir;
    private final Clock clock;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<String, Duration> graces = new ConcurrentHashMap<>();
    private final Map<String, Integer> healthFailures = new ConcurrentHashMap<>();
    private final List<InstanceOutputListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final InstanceSampler sampler = new InstanceSampler();
    private final Duration maxRuntime;
    private volatile java.util.function.BiFunction<String, String, Map<String, String>> labels = (account, app) -> Map.of();
    private java.util.concurrent.ScheduledFuture<?> sampling;
    private final AtomicInteger placements = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** Instance processes must not outlive the JVM that started them (Ctrl-C, SIGTERM, a window closed). */
    private final Thread killOnExit = new Thread(this::killProcesses, "flare-containers-kill-on-exit");

    /**
     * @param maxRuntime how long an instance may run before it is stopped
     */
    InstanceSupervisor(Registry registry, Path dataDir, Clock clock, Duration maxRuntime) {
        this.registry = registry;
        this.maxRuntime = maxRuntime;
        this.instancesDir = dataDir.resolve("containers").resolve("instances");
        this.clock = clock;
        this.workers = Executors.newCachedThreadPool(daemon("flare-containers-worker"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("flare-containers-health"));
        scheduler.scheduleWithFixedDelay(this::checkHealth, HEALTH_INTERVAL.toMillis(), HEALTH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        killOrphans(instancesDir);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Kills the processes a previous emulator on the same data directory left behind when it was killed without a
     * chance to stop them (SIGKILL): each instance directory holds its process id, and a process counts as ours
     * only if its executable lies inside that directory (a reused pid is left alone).
     */
    static void killOrphans(Path instancesDir) {
        if (!Files.isDirectory(instancesDir)) {
            return;
        }
        try (var dirs = Files.list(instancesDir)) {
            dirs.forEach(dir -> {
                Path pidFile = dir.resolve(PID_FILE);
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).strip());
                    ProcessHandle.of(pid).filter(h -> h.info().command()
                                    .map(c -> c.startsWith(dir.toAbsolutePath().toString())).orElse(false))
                            .ifPresent(h -> {
                                LOG.info("Killing instance process {} left behind by an earlier emulator", pid);
                                h.descendants().forEach(ProcessHandle::destroyForcibly);
                                h.destroyForcibly();
                            });
                } catch (IOException | NumberFormatException noPid) {
                    // never started, or not ours
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not look for orphaned instances in {}: {}", instancesDir, e.getMessage());
        }
    }

    /** Hears every instance's output; close the returned handle to stop. */
    public AutoCloseable addOutputListener(InstanceOutputListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called (on a supervisor thread) whenever an instance changes state. */
    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Where samples find an application's labels ({@code configuration.labels}, by account and application id). */
    void labelsFrom(java.util.function.BiFunction<String, String, Map<String, String>> lookup) {
        this.labels = lookup;
    }

    /** The account's resource samples taken in {@code [from, to)} (the last hour is kept). */
    public List<InstanceSample> samples(String accountId, Instant from, Instant to) {
        return sampler.samples(accountId, from, to);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService workers() {
        return workers;
    }

    public Optional<Instance> get(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** Every instance the supervisor knows, in no particular order. */
    public List<Instance> all() {
        return List.copyOf(instances.values());
    }

    public List<Instance> ofApplication(String applicationId) {
        List<Instance> out = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (i.applicationId.equals(applicationId)) {
                out.add(i);
            }
        }
        out.sort((a, b) -> a.createdAt.compareTo(b.createdAt) != 0 ? a.createdAt.compareTo(b.createdAt)
                : a.id.compareTo(b.id));
        return out;
    }

    /** Starts an instance; it is returned at once in {@code provisioning} and comes up on a worker thread. */
    public Instance start(StartSpec spec) {
        byte[] idBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        String id = Ids.hex(idBytes, 32);
        Location location = Location.pick(spec.regions(), placements.getAndIncrement());
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        Instance instance = new Instance(id, spec.accountId(), spec.applicationId(),
                spec.name() == null ? "instance-" + id.substring(0, 8) : spec.name(), spec.version(), spec.image(),
                location, clock.instant(), instancesDir.resolve(id), env, spec.vcpu(), spec.memoryMib(), spec.diskMb());
        instances.put(id, instance);
        graces.put(id, spec.stopGrace() == null ? DEFAULT_STOP_GRACE : spec.stopGrace());
        workers.execute(() -> launch(instance, spec));
        ensureSampling();
        changed();
        return instance;
    }

    private void launch(Instance instance, StartSpec spec) {
        try {
            Registry.ImageRef ref = registry.resolve(spec.image()).orElseThrow(() -> new LaunchFailure(
                    "ImagePullError: " + spec.image() + " is not in this registry; push it to " + registry.host()
                            + "/" + spec.accountId() + "/<name>:<tag> (or registry.cloudflare.com/...)"));
            RegistryStorage.Manifest manifest = registry.storage().manifest(ref.repository(), ref.reference())
                    .orElseThrow(() -> new LaunchFailure("ImagePullError: no image " + ref.repository() + ":"
                            + ref.reference() + " in the registry"));
            Path rootfs = instance.directory.resolve("rootfs");
            ImageUnpacker.ImageConfig config = ImageUnpacker.unpack(registry.storage(), manifest, rootfs);
            List<String> entrypoint = spec.entrypoint() != null && !spec.entrypoint().isEmpty() ? spec.entrypoint()
                    : config.entrypoint();
            List<String> args = spec.command() != null && !spec.command().isEmpty() ? spec.command() : config.cmd();
            List<String> argv = new ArrayList<>(entrypoint);
            argv.addAll(args);
            if (argv.isEmpty()) {
                throw new LaunchFailure("RuntimeStartFailed: the image has no entrypoint or command");
            }
            Path executable = inImage(rootfs, argv.get(0));
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                throw new LaunchFailure("RuntimeStartFailed: the entrypoint " + argv.get(0)
                        + " is not an executable file in the image");
            }
            argv.set(0, executable.toString());
            if (instance.stopRequested()) {
                instance.exited(0, clock.instant());
                changed();
                return;
            }
            int port = freePort();
            Map<String, String> env = new LinkedHashMap<>(config.env());
            env.putAll(instance.environment);
            env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("PORT", Integer.toString(port));
            env.put("CF_CONTAINER_PORT", Integer.toString(port));
            env.put("CLOUDFLARE_DEPLOYMENT_ID", instance.id);
            env.put("CLOUDFLARE_LOCATION", instance.location.name());
            env.put("CLOUDFLARE_REGION", instance.location.region());
            env.put("CLOUDFLARE_COUNTRY_A2", instance.location.country());
            env.put("CLOUDFLARE_APPLICATION_ID", instance.applicationId);
            Path workDir = config.workingDir().isEmpty() ? rootfs : inImage(rootfs, config.workingDir());
            ProcessBuilder pb = new ProcessBuilder(argv).directory(Files.isDirectory(workDir) ? workDir.toFile()
                    : rootfs.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            // Output goes to files that are followed: reading the JDK's pipes loses the last lines when the
            // process exits (the reaper closes the pipe under a blocked reader: "Stream closed").
            Path stdout = instance.directory.resolve("stdout.log");
            Path stderr = instance.directory.resolve("stderr.log");
            pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process process = pb.start();
            Files.writeString(instance.directory.resolve(PID_FILE), Long.toString(process.pid()));
            process.getOutputStream().close();
            instance.started(process, port, clock.instant());
            follow(instance, process, stdout, "stdout");
            follow(instance, process, stderr, "stderr");
            process.onExit().thenAccept(p -> {
                instance.exited(p.exitValue(), clock.instant());
                LOG.debug("Instance {} of {} exited with {}", instance.id, instance.applicationId, p.exitValue());
                changed();
            });
            changed();
        } catch (LaunchFailure e) {
            instance.failed(e.getMessage(), clock.instant());
            changed();
        } catch (IOException | RuntimeException e) {
            instance.failed("RuntimeStartFailed: " + e.getMessage(), clock.instant());
            LOG.debug("Instance {} could not start", instance.id, e);
            changed();
        }
    }

    private static final class LaunchFailure extends RuntimeException {
        LaunchFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static Path inImage(Path rootfs, String path) throws LaunchFailure {
        Path p = rootfs.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!p.startsWith(rootfs)) {
            throw new LaunchFailure("RuntimeStartFailed: " + path + " points outside the image");
        }
        return p;
    }

    /** Reads the output file as it grows, line by line, until the process has exited and all is read. */
    private void follow(Instance instance, Process process, Path file, String name) {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (InputStream in = Files.newInputStream(file)) {
                while (true) {
                    int n = in.read(buffer);
                    if (n > 0) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                emit(instance, name, line);
                            } else {
                                line.write(buffer[i]);
                            }
                        }
                    } else if (process.isAlive()) {
                        Thread.sleep(40);
                    } else if (in.available() == 0) {
                        break;
                    }
                }
                if (line.size() > 0) {
                    emit(instance, name, line);
                }
            } catch (IOException e) {
                LOG.debug("Output of instance {} could not be read: {}", instance.id, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "flare-container-" + name + "-" + instance.id.substring(0, 8));
        t.setDaemon(true);
        t.start();
    }

    private void emit(Instance instance, String stream, ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        instance.addOutput(text);
        InstanceOutputListener.Line event = new InstanceOutputListener.Line(instance.accountId, instance.applicationId,
                instance.id, stream, clock.instant(), text);
        for (InstanceOutputListener l : listeners) {
            try {
                l.onLine(event);
            } catch (RuntimeException e) {
                LOG.warn("An instance output listener failed: {}", e.toString());
            }
        }
    }

    private void checkHealth() {
        try {
            Instant now = clock.instant();
            for (Instance i : instances.values()) {
                InstanceState s = i.state();
                if (!(s == InstanceState.PROVISIONING || s == InstanceState.RUNNING || s == InstanceState.UNHEALTHY)
                        || i.port() == 0 || i.stopRequested()) {
                    continue;
                }
                boolean up = accepts(i.port());
                boolean moved;
                if (up) {
                    healthFailures.remove(i.id);
                    moved = i.transition(InstanceState.RUNNING, now);
                } else if (s == InstanceState.PROVISIONING) {
                    Instant started = i.snapshot().startedAt();
                    moved = started != null && started.plus(STARTUP_TIMEOUT).isBefore(now)
                            && i.transition(InstanceState.UNHEALTHY, now);
                } else {
                    // Two misses in a row: one can be a busy single-threaded server.
                    moved = healthFailures.merge(i.id, 1, Integer::sum) >= 2 && i.transition(InstanceState.UNHEALTHY, now);
                }
                if (moved) {
                    changed();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Container health check failed: {}", e.toString());
        }
    }

    /** Starts the sampler unless it runs: it only runs while instances are active. */
    private synchronized void ensureSampling() {
        if (sampling == null && !scheduler.isShutdown()) {
            sampling = scheduler.scheduleWithFixedDelay(this::sampleAll, InstanceSampler.INTERVAL.toMillis(),
                    InstanceSampler.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One sampler tick: measure, enforce the limits, and stop sampling once no instance is active. */
    private void sampleAll() {
        try {
            Instant now = clock.instant();
            Set<String> active = new java.util.HashSet<>();
            Map<String, Map<String, String>> labelsOf = new java.util.HashMap<>();
            for (Instance i : instances.values()) {
                if (!i.state().isActive()) {
                    continue;
                }
                active.add(i.id);
                Process p = i.process();
                if (p == null || !p.isAlive()) {
                    continue;
                }
                InstanceSample sample = sampler.sample(i, p.toHandle(), now,
                        labelsOf.computeIfAbsent(i.applicationId, app -> labels.apply(i.accountId, app)));
                enforceLimits(i, p, sample, now);
            }
            sampler.evict(now, active);
            if (active.isEmpty()) {
                synchronized (this) {
                    if (sampling != null && instances.values().stream().noneMatch(i -> i.state().isActive())) {
                        sampling.cancel(false);
                        sampling = null;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Sampling the container instances failed: {}", e.toString());
        }
    }

    /**
     * Memory: more resident memory than the instance type's is an out-of-memory kill (SIGKILL at once, as the kernel's
     * OOM killer does), reported as a failed instance with a {@code VMFailed} health event; how Cloudflare words that
     * event is unconfirmed. Time: past the maximum run time the instance is stopped as a stop request would.
     */
    private void enforceLimits(Instance i, Process p, InstanceSample sample, Instant now) {
        if (sample.memoryBytes() > sample.memoryLimitBytes() && !i.stopRequested()) {
            String reason = String.format(java.util.Locale.ROOT, "VMFailed: out of memory: the container used %d MiB,"
                    + " more than the %d MiB of its instance type, and was killed", sample.memoryBytes() >> 20,
                    sample.memoryLimitBytes() >> 20);
            LOG.info("Instance {} of {}: {}", i.id, i.applicationId, reason);
            i.failed(reason, now);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            changed();
            return;
        }
        Instant started = i.snapshot().startedAt();
        if (started != null && !started.plus(maxRuntime).isAfter(now)) {
            String reason = "reached the maximum run time of " + maxRuntime.toSeconds() + " s";
            LOG.info("Instance {} of {} {}: stopping it", i.id, i.applicationId, reason);
            stop(i, reason);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM now, SIGKILL after the grace period if the process is still there. Returns at once. */
    public void stop(Instance instance) {
        stop(instance, null);
    }

    /** Like {@link #stop(Instance)}, recording why the emulator stopped it ({@link Instance.Snapshot#stopReason()}). */
    private void stop(Instance instance, String reason) {
        if (!(reason == null ? instance.requestStop(clock.instant()) : instance.requestStop(clock.instant(), reason))) {
            return;
        }
        changed();
        Process p = instance.process();
        if (p == null) {
            // Still unpacking: the launcher sees the stop and does not start the process.
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        Duration grace = graces.getOrDefault(instance.id, DEFAULT_STOP_GRACE);
        scheduler.schedule(() -> {
            if (p.isAlive()) {
                LOG.debug("Instance {} ignored SIGTERM for {}; sending SIGKILL", instance.id, grace);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the instance and forgets it once it is gone; its directory is deleted. */
    public void remove(Instance instance) {
        stop(instance);
        Process p = instance.process();
        Runnable forget = () -> {
            instances.remove(instance.id);
            graces.remove(instance.id);
            healthFailures.remove(instance.id);
            try {
                ImageUnpacker.deleteTree(instance.directory);
            } catch (IOException e) {
                LOG.debug("Could not delete {}: {}", instance.directory, e.getMessage());
            }
            changed();
        };
        if (p == null) {
            forget.run();
        } else {
            p.onExit().thenRun(forget);
        }
    }

    /** Runs a command in the instance's directory, with its environment. Commands not in the image come from the host. */
    public ExecResult exec(Instance instance, List<String> command, String cwd, Map<String, String> env, byte[] stdin,
                           Duration timeout) throws IOException, InterruptedException {
        Path rootfs = instance.directory.resolve("rootfs");
        List<String> argv = new ArrayList<>(command);
        Path inImage = inImage(rootfs, argv.get(0));
        if (argv.get(0).startsWith("/") && Files.isExecutable(inImage)) {
            argv.set(0, inImage.toString());
        }
        Path dir = cwd == null || cwd.isBlank() ? rootfs : inImage(rootfs, cwd);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().putAll(instance.environment);
        pb.environment().put("PORT", Integer.toString(instance.port()));
        if (env != null) {
            pb.environment().putAll(env);
        }
        // Files, not pipes, for the same reason as the instance's own output (see follow).
        Path out = Files.createTempFile(instance.directory, "exec-", ".out");
        Path err = Files.createTempFile(instance.directory, "exec-", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // The command did not read its input.
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        try {
            return new ExecResult(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Sends one HTTP request to the instance's port. */
    public FetchResult fetch(Instance instance, String path, String method, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        String p = path.startsWith("/") ? path : "/" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + p))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (!RESTRICTED_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    b.header(k, v);
                }
            });
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> out = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> out.put(k, String.join(", ", v)));
        instance.addTraffic(headerBytes(method + " " + p, headers) + (body == null ? 0 : body.length),
                headerBytes("HTTP/1.1 " + r.statusCode(), out) + r.body().length);
        return new FetchResult(r.statusCode(), out, r.body());
    }

    /** About the bytes of a request or status line and its headers on the wire. */
    private static long headerBytes(String firstLine, Map<String, String> headers) {
        long n = firstLine.length() + 2;
        if (headers != null) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                n += h.getKey().length() + 2 + h.getValue().length() + 2;
            }
        }
        return n + 2;
    }

    /** Kills every process at once (emulator shutdown, state reset) and forgets every instance. */
    public void killAll() {
        for (Instance i : instances.values()) {
            i.requestStop(clock.instant());
        }
        killProcesses();
        instances.clear();
        sampler.clear();
        try {
            ImageUnpacker.deleteTree(instancesDir);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", instancesDir, e.getMessage());
        }
    }

    private void killProcesses() {
        for (Instance i : instances.values()) {
            Process p = i.process();
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private void changed() {
        for (Runnable r : changeListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("A container state listener failed: {}", e.toString());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
