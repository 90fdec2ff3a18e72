package dev.flareobserver.emulator.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active fault rules. The first active rule that matches a request applies to it (one fault per
 * request); a rule with a {@code count} is used up after that many requests, one with a
 * {@code duration_ms} expires that long after it was added.
 */
public final class FaultInjector {

    /** A rule as added, with its id and how many requests it still applies to. */
    public record ActiveFault(String id, FaultRule rule, Instant addedAt, Integer remaining) {
    }

    private static final class Entry {
        final String id;
        final FaultRule rule;
        final PathPattern pattern;
        final Instant addedAt;
        Integer remaining;

        Entry(String id, FaultRule rule, Instant addedAt) {
            this.id = id;
            this.rule = rule;
            this.pattern = PathPattern.compile(rule.path());
            this.addedAt = addedAt;
            this.remaining = rule.count();
        }

        boolean expired(Instant now) {
            return (remaining != null && remaining <= 0)
                    || (rule.durationMs() != null && !now.isBefore(addedAt.plusMillis(rule.durationMs())));
        }

        ActiveFault view() {
            return new ActiveFault(id, rule, addedAt, remaining);
        }
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public FaultInjector(Clock clock) {
        this.clock = clock;
    }

    /** Adds a rule; returns its id (for {@link #remove}). */
    public synchronized String add(FaultRule rule) {
        String id = "fault-" + ids.incrementAndGet();
        entries.put(id, new Entry(id, rule, clock.instant()));
        return id;
    }

    public synchronized boolean remove(String id) {
        return entries.remove(id) != null;
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized List<ActiveFault> active() {
        prune(clock.instant());
        return entries.values().stream().map(Entry::view).toList();
    }

    /** The fault for this request, if any, counting it against the rule's {@code count}. */
    public synchronized Optional<FaultRule> take(String method, String path) {
        Instant now = clock.instant();
        prune(now);
        for (Entry e : entries.values()) {
            if ((e.rule.method() == null || e.rule.method().equals(method)) && e.pattern.matches(path)) {
                if (e.remaining != null) {
                    e.remaining--;
                }
                return Optional.of(e.rule);
            }
        }
        return Optional.empty();
    }

    private void prune(Instant now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().expired(now)) {
                it.remove();
            }
        }
    }
}
