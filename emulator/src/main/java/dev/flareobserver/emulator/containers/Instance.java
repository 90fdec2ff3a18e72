package dev.flareobserver.emulator.containers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated container instance: a local process started from the image's entrypoint in its own directory.
 * State changes are synchronized on the instance; readers take a {@link Snapshot}.
 */
public final class Instance {

    /** Lines of output kept per instance (older ones are dropped). */
    public static final int OUTPUT_LINES = 1000;

    /** An immutable view for the REST answers and the pool manager. */
    public record Snapshot(String id, String accountId, String applicationId, String name, int version,
                           String image, InstanceState state, Instant createdAt, Instant startedAt,
                           Instant updatedAt, Integer exitCode, String failure, Location location, int port,
                           double vcpu, int memoryMib, int diskMb, String stopReason) {
    }

    final String id;
    final String accountId;
    final String applicationId;
    final String name;
    final int version;
    final String image;
    final Location location;
    final Instant createdAt;
    final Path directory;
    final Map<String, String> environment;
    final double vcpu;
    final int memoryMib;
    final int diskMb;
    private final Deque<String> output = new ArrayDeque<>();
    private final AtomicLong rxBytes = new AtomicLong();
    private final AtomicLong txBytes = new AtomicLong();
    private long startedNanos;
    private String stopReason;
    private InstanceState state = InstanceState.PROVISIONING;
    private Instant startedAt;
    private Instant updatedAt;
    private Integer exitCode;
    private String failure;
    private int port;
    private Process process;
    private boolean stopRequested;

    Instance(String id, String accountId, String applicationId, String name, int version, String image,
             Location location, Instant createdAt, Path directory, Map<String, String> environment,
             double vcpu, int memoryMib, int diskMb) {
        this.id = id;
        this.accountId = accountId;
        this.applicationId = applicationId;
        this.name = name;
        this.version = version;
        this.image = image;
        this.location = location;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.vcpu = vcpu;
        this.memoryMib = memoryMib;
        this.diskMb = diskMb;
    }

    public String id() {
        return id;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, accountId, applicationId, name, version, image, state, createdAt, startedAt, updatedAt,
                exitCode, failure, location, port, vcpu, memoryMib, diskMb, stopReason);
    }

    public synchronized InstanceState state() {
        return state;
    }

    /** The last {@link #OUTPUT_LINES} lines the process wrote, oldest first. */
    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    synchronized void addOutput(String line) {
        if (output.size() == OUTPUT_LINES) {
            output.removeFirst();
        }
        output.addLast(line);
    }

    synchronized void started(Process p, int listenPort, Instant now) {
        process = p;
        port = listenPort;
        startedAt = now;
        startedNanos = System.nanoTime();
        updatedAt = now;
    }

    /** The process id, or -1 before the process started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** {@link System#nanoTime()} when the process started. */
    synchronized long startedNanos() {
        return startedNanos;
    }

    /** Counts bytes of a fetch: {@code received} by the instance, {@code sent} back. */
    void addTraffic(long received, long sent) {
        rxBytes.addAndGet(received);
        txBytes.addAndGet(sent);
    }

    long rxBytes() {
        return rxBytes.get();
    }

    long txBytes() {
        return txBytes.get();
    }

    synchronized Process process() {
        return process;
    }

    synchronized int port() {
        return port;
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** Marks a stop the emulator decided on (e.g. the maximum run time), saying why; false as {@link #requestStop}. */
    synchronized boolean requestStop(Instant now, String reason) {
        boolean first = requestStop(now);
        if (first) {
            stopReason = reason;
        }
        return first;
    }

    /** Marks a stop; false if it is already stopping or gone. */
    synchronized boolean requestStop(Instant now) {
        if (stopRequested || !state.isActive()) {
            stopRequested = true;
            return false;
        }
        stopRequested = true;
        state = InstanceState.STOPPING;
        updatedAt = now;
        return true;
    }

    /** Moves to {@code next} unless the instance is already stopping or finished (then only an end state wins). */
    synchronized boolean transition(InstanceState next, Instant now) {
        if (state == next) {
            return false;
        }
        boolean finished = state == InstanceState.STOPPED || state == InstanceState.FAILED;
        if (finished || (state == InstanceState.STOPPING && next.isActive())) {
            return false;
        }
        state = next;
        updatedAt = now;
        return true;
    }

    synchronized void exited(int code, Instant now) {
        exitCode = code;
        if (state == InstanceState.STOPPED || state == InstanceState.FAILED) {
            return;
        }
        state = stopRequested ? InstanceState.STOPPED : InstanceState.FAILED;
        if (!stopRequested) {
            failure = "the entrypoint exited with code " + code;
        }
        updatedAt = now;
    }

    synchronized void failed(String reason, Instant now) {
        failure = reason;
        state = InstanceState.FAILED;
        updatedAt = now;
    }
}
