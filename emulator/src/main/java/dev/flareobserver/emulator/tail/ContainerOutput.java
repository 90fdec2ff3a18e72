package dev.flareobserver.emulator.tail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Container instances' output on its way to the owning Worker's tails. Lines wait per instance (at most
 * {@link #MAX_PENDING}; a container writing faster loses the excess) and leave once per pump tick as trace items of
 * at most {@link #MAX_LINES_PER_EVENT} lines each, so a chatty container costs a tail a few events per tick rather
 * than one per line, and those events still pass the tail's filters and sampling like any other. Thread-safe: lines
 * arrive on the instances' output threads, the pump drains.
 */
final class ContainerOutput {

    static final int MAX_LINES_PER_EVENT = 100;
    static final int MAX_PENDING = 1000;

    /** One instance's waiting lines. */
    private static final class Pending {
        final String accountId;
        final String applicationId;
        final String instanceId;
        final List<TailEvent.LogLine> lines = new ArrayList<>();
        boolean dropped;

        Pending(String accountId, String applicationId, String instanceId) {
            this.accountId = accountId;
            this.applicationId = applicationId;
            this.instanceId = instanceId;
        }
    }

    /** A batch ready for the tails of {@code scriptName} in {@code accountId}. */
    record Batch(String accountId, String scriptName, TailEvent event) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private volatile BiFunction<String, String, Optional<String>> owners = (account, application) -> Optional.empty();

    /** How to find the Worker whose Durable Object namespace an application is bound to: (account, application). */
    void ownersFrom(BiFunction<String, String, Optional<String>> lookup) {
        owners = lookup;
    }

    synchronized void add(String accountId, String applicationId, String instanceId, boolean stderr, Instant time,
                          String text) {
        Pending p = pending.computeIfAbsent(instanceId, id -> new Pending(accountId, applicationId, id));
        if (p.lines.size() >= MAX_PENDING) {
            p.dropped = true;
            return;
        }
        p.lines.add(new TailEvent.LogLine(List.of(text), stderr ? "error" : "log", time.toEpochMilli()));
    }

    /** Takes up to {@link #MAX_LINES_PER_EVENT} lines of each instance, as one trace item per owned instance. */
    List<Batch> drain() {
        List<Pending> taken = new ArrayList<>();
        synchronized (this) {
            for (var it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                Pending batch = new Pending(p.accountId, p.applicationId, p.instanceId);
                List<TailEvent.LogLine> head = p.lines.subList(0, Math.min(MAX_LINES_PER_EVENT, p.lines.size()));
                batch.lines.addAll(head);
                head.clear();
                batch.dropped = p.dropped;
                p.dropped = false;
                if (p.lines.isEmpty()) {
                    it.remove();
                }
                taken.add(batch);
            }
        }
        List<Batch> out = new ArrayList<>(taken.size());
        Map<String, Optional<String>> owned = new LinkedHashMap<>();
        for (Pending p : taken) {
            // Resolved per tick, not per line: the binding is read from the containers' state.
            Optional<String> script = owned.computeIfAbsent(p.accountId + '/' + p.applicationId,
                    k -> owners.apply(p.accountId, p.applicationId));
            script.ifPresent(s -> out.add(new Batch(p.accountId, s,
                    TailEvent.containerOutput(s, p.instanceId, List.copyOf(p.lines), p.dropped))));
        }
        return out;
    }

    synchronized void clear() {
        pending.clear();
    }
}
