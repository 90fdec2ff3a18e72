package dev.flareobserver.emulator.tail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tail the emulator knows, in memory only (a restart forgets them, as their sockets die with
 * it). An expired tail stays here until deleted, so a client's DELETE after expiry still succeeds, but
 * it no longer counts toward the per-Worker limit nor shows in the list. Thread-safe.
 */
final class TailRegistry {

    /** Cloudflare's documented limit: "A maximum of 10 clients can view a Worker's logs at one time". */
    static final int MAX_TAILS_PER_WORKER = 10;

    private final Map<String, Tail> byId = new ConcurrentHashMap<>();
    private final Map<String, Tail> byPath = new ConcurrentHashMap<>();

    /** Thrown when a Worker already has {@link #MAX_TAILS_PER_WORKER} live tails. */
    static final class LimitReachedException extends RuntimeException {
        LimitReachedException() {
            super(null, null, false, false);
        }
    }

    /** Adds a tail unless its Worker is at the limit (checked and added atomically). */
    synchronized void add(Tail tail, Instant now) {
        if (live(tail.accountId(), tail.scriptName(), now).size() >= MAX_TAILS_PER_WORKER) {
            throw new LimitReachedException();
        }
        byId.put(tail.id(), tail);
        byPath.put(tail.path(), tail);
    }

    /** The Worker's unexpired tails, oldest first. */
    List<Tail> live(String account, String script, Instant now) {
        return byId.values().stream()
                .filter(t -> t.accountId().equals(account) && t.scriptName().equals(script) && !t.isExpired(now))
                .sorted(Comparator.comparing(Tail::createdAt).thenComparing(Tail::id))
                .toList();
    }

    /** A tail of that Worker, expired or not. */
    Optional<Tail> find(String account, String script, String id) {
        Tail t = byId.get(id);
        return t != null && t.accountId().equals(account) && t.scriptName().equals(script)
                ? Optional.of(t) : Optional.empty();
    }

    Optional<Tail> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Tail> byPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    synchronized boolean remove(Tail tail) {
        byPath.remove(tail.path());
        return byId.remove(tail.id()) != null;
    }

    /** Every tail, oldest first. */
    List<Tail> all() {
        List<Tail> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(Tail::createdAt).thenComparing(Tail::id));
        return out;
    }

    /** Forgets every tail; returns what was there. */
    synchronized List<Tail> clear() {
        List<Tail> out = all();
        byId.clear();
        byPath.clear();
        return out;
    }
}
