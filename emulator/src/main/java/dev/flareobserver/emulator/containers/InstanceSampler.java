package dev.flareobserver.emulator.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Measures running instances from {@code /proc} and keeps the last hour of {@link InstanceSample}s per instance
 * (also of instances that have since stopped), for the GraphQL container metrics. {@link #sample} runs on the
 * supervisor's scheduler thread only; {@link #samples} may be called from any thread.
 */
final class InstanceSampler {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration RETENTION = Duration.ofHours(1);
    /** The directory walk for disk usage is the costly part of a sample: done every tenth sample. */
    private static final int DISK_EVERY = 10;

    /** The last reading of an instance, for the next interval's deltas. */
    private record Reading(long nanos, double cpuSeconds, long rxBytes, long txBytes, long diskBytes, int count) {
    }

    private final Map<String, Deque<InstanceSample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Reading> last = new HashMap<>();

    /** Reads the instance's process tree now, records the sample and returns it. */
    InstanceSample sample(Instance instance, ProcessHandle process, Instant now, Map<String, String> labels) {
        long nanos = System.nanoTime();
        ProcFs.Usage usage = ProcFs.treeUsage(process);
        Instance.Snapshot s = instance.snapshot();
        Reading before = last.get(instance.id);
        if (before == null) {
            // The first interval runs from the process's start, when it had used nothing.
            before = new Reading(instance.startedNanos(), 0, 0, 0, -1, 0);
        }
        long disk = before.diskBytes() < 0 || before.count() % DISK_EVERY == 0 ? directorySize(instance.directory)
                : before.diskBytes();
        long rx = instance.rxBytes();
        long tx = instance.txBytes();
        double interval = Math.max(1e-3, (nanos - before.nanos()) / 1e9);
        double cpu = Math.max(0, usage.cpuSeconds() - before.cpuSeconds());
        double uptime = s.startedAt() == null ? 0 : Math.max(0, Duration.between(s.startedAt(), now).toMillis() / 1000.0);
        InstanceSample sample = new InstanceSample(s.accountId(), s.applicationId(), s.id(), s.location().name(),
                s.location().region(), labels, now, interval, cpu, Math.min(1, cpu / (interval * s.vcpu())),
                usage.rssBytes(), disk, rx - before.rxBytes(), tx - before.txBytes(), uptime, s.vcpu(),
                (long) s.memoryMib() * 1024 * 1024, (long) s.diskMb() * 1_000_000);
        last.put(instance.id, new Reading(nanos, usage.cpuSeconds(), rx, tx, disk, before.count() + 1));
        Deque<InstanceSample> mine = samples.computeIfAbsent(instance.id, k -> new ArrayDeque<>());
        synchronized (mine) {
            mine.addLast(sample);
        }
        return sample;
    }

    /** The account's samples with {@code from <= time < to}, of every instance, oldest first per instance. */
    List<InstanceSample> samples(String accountId, Instant from, Instant to) {
        List<InstanceSample> out = new ArrayList<>();
        for (Deque<InstanceSample> d : samples.values()) {
            synchronized (d) {
                InstanceSample first = d.peekFirst();
                if (first == null || !first.accountId().equals(accountId)) {
                    continue;
                }
                for (InstanceSample s : d) {
                    if (!s.time().isBefore(from) && s.time().isBefore(to)) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    /** Drops samples older than {@link #RETENTION}, and what it knows of instances that no longer run. */
    void evict(Instant now, java.util.Set<String> running) {
        Instant oldest = now.minus(RETENTION);
        samples.values().removeIf(d -> {
            synchronized (d) {
                while (!d.isEmpty() && d.peekFirst().time().isBefore(oldest)) {
                    d.removeFirst();
                }
                return d.isEmpty();
            }
        });
        last.keySet().retainAll(running);
    }

    void clear() {
        samples.clear();
    }

    private static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted while walking
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
