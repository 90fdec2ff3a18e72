package dev.flareobserver.emulator.tail;

import dev.flareobserver.emulator.traffic.SimulatedInvocation;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import dev.flareobserver.emulator.traffic.WorkerModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Tail events from the traffic simulator: the same invocations the GraphQL analytics count, one
 * minute at a time, cached while tails read through that minute. A Worker with a scheduled handler
 * shows the first invocation of each minute as its cron run (a scheduled event), so the counts still
 * match the analytics. Thread-safe.
 */
final class TailEventSource {

    /** One Worker-minute of events, time-ordered, for the model that produced them. */
    private record Minute(WorkerModel model, long[] times, List<TailEvent> events) {
    }

    private final TrafficSimulator traffic;
    private final BiPredicate<String, String> hasScheduledHandler;
    private final Map<String, Minute> minutes = new ConcurrentHashMap<>();

    /**
     * @param hasScheduledHandler (account, script): whether the deployed code exports {@code scheduled}
     */
    TailEventSource(TrafficSimulator traffic, BiPredicate<String, String> hasScheduledHandler) {
        this.traffic = traffic;
        this.hasScheduledHandler = hasScheduledHandler;
    }

    /** Events of a Worker with {@code from < eventTimestamp <= to}, time-ordered. */
    List<TailEvent> between(String account, String script, Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        List<TailEvent> out = new ArrayList<>();
        if (b <= a) {
            return out;
        }
        for (long m = Math.floorDiv(a, 60_000); m <= Math.floorDiv(b, 60_000); m++) {
            Minute minute = minute(account, script, m);
            int i = firstAfter(minute.times(), a);
            while (i < minute.times().length && minute.times()[i] <= b) {
                out.add(minute.events().get(i));
                i++;
            }
        }
        return out;
    }

    /**
     * Up to {@code max} of a Worker's most recent events up to {@code now}, oldest first, reaching back
     * at most {@code lookbackMinutes} (a quiet Worker has few per minute). For flood pools.
     */
    List<TailEvent> recent(String account, String script, Instant now, int max, int lookbackMinutes) {
        long end = now.toEpochMilli();
        long m = Math.floorDiv(end, 60_000);
        List<List<TailEvent>> chunks = new ArrayList<>();
        int total = 0;
        for (int back = 0; back <= lookbackMinutes && total < max; back++, m--) {
            // Straight from the simulator: these minutes are read once, not worth caching.
            Minute minute = back < 2 ? minute(account, script, m) : build(account, script, m);
            int upTo = firstAfter(minute.times(), end);
            List<TailEvent> chunk = minute.events().subList(Math.max(0, upTo - (max - total)), upTo);
            chunks.add(0, chunk);
            total += chunk.size();
        }
        List<TailEvent> out = new ArrayList<>(total);
        chunks.forEach(out::addAll);
        return out;
    }

    /** Forgets cached minutes before {@code minute} (epoch minutes). */
    void evictBefore(long minute) {
        minutes.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1)) < minute);
    }

    private Minute minute(String account, String script, long m) {
        String key = account + '/' + script + '/' + m;
        Minute cached = minutes.get(key);
        // A deployment replaces the model: the minute is rebuilt from the new one.
        if (cached != null && cached.model() == traffic.model(account, script)) {
            return cached;
        }
        Minute fresh = build(account, script, m);
        minutes.put(key, fresh);
        return fresh;
    }

    private Minute build(String account, String script, long m) {
        WorkerModel model = traffic.model(account, script);
        List<SimulatedInvocation> invocations = traffic.invocations(account, script, Instant.ofEpochSecond(m * 60));
        boolean cron = !invocations.isEmpty() && hasScheduledHandler.test(account, script);
        long[] times = new long[invocations.size()];
        List<TailEvent> events = new ArrayList<>(invocations.size());
        for (int i = 0; i < invocations.size(); i++) {
            SimulatedInvocation inv = invocations.get(i);
            times[i] = inv.timestamp().toEpochMilli();
            events.add(cron && i == 0 ? TailEvent.scheduled(inv, m * 60_000) : TailEvent.fetch(inv));
        }
        return new Minute(model, times, events);
    }

    /** Index of the first time strictly after {@code t} in a sorted array. */
    private static int firstAfter(long[] times, long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
