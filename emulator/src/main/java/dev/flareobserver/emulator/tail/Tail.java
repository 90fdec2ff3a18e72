package dev.flareobserver.emulator.tail;

import org.java_websocket.WebSocket;

import java.time.Clock;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * One live tail on a Worker: what REST created (id, secret socket path, expiry, filters) and what its
 * socket is doing (connection, cursor into the traffic, counters, sampling state). Thread-safe.
 */
public final class Tail {

    /** What became of one offered event. */
    enum Delivery { SENT, FILTERED, SAMPLED_OUT, CLOSED }

    private final String id;
    private final String accountId;
    private final String scriptName;
    private final String path;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final SplittableRandom random;
    private final OverloadGovernor governor;
    private final Clock clock;
    private volatile TailFilterSet filters;
    private volatile boolean debug;
    private volatile boolean forcedExpiry;
    private volatile TailConnection connection;
    private volatile boolean firstMessageSeen;
    private Instant cursor;
    private long sent;
    private long filtered;
    private long sampledOut;
    private long notices;

    Tail(String id, String accountId, String scriptName, String path, Instant createdAt, Instant expiresAt,
         TailFilterSet filters, int samplingThreshold, Clock clock) {
        this.id = id;
        this.accountId = accountId;
        this.scriptName = scriptName;
        this.path = path;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.filters = filters;
        // Deterministic per tail: the same tail samples the same events on every run.
        this.random = new SplittableRandom(id.hashCode() * 0x9E3779B97F4A7C15L);
        this.governor = new OverloadGovernor(samplingThreshold);
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public String scriptName() {
        return scriptName;
    }

    /** The socket path, secret: whoever knows it can read the tail. */
    String path() {
        return path;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public TailFilterSet filters() {
        return filters;
    }

    public boolean debug() {
        return debug;
    }

    /** Past its lifetime, or expired early through the admin API. */
    public boolean isExpired(Instant now) {
        return forcedExpiry || !now.isBefore(expiresAt);
    }

    void expireNow() {
        forcedExpiry = true;
    }

    public boolean isConnected() {
        TailConnection c = connection;
        return c != null && c.isOpen();
    }

    TailConnection connection() {
        return connection;
    }

    /** Binds a freshly opened socket; events from {@code now} on are its to see. */
    synchronized void attach(TailConnection c, Instant now) {
        connection = c;
        cursor = now;
        firstMessageSeen = false;
    }

    /** Unbinds a socket that closed (a newer socket of this tail stays bound). */
    synchronized void detach(WebSocket socket) {
        TailConnection c = connection;
        if (c != null && c.socket() == socket) {
            connection = null;
        }
    }

    /**
     * The client's first message: {@code {"debug": bool}}, and from clients older than wrangler's
     * PR #1713 also {@code "filters"}, which then replace the filters given at creation. Later messages
     * are ignored (the protocol defines none). Debug is recorded but changes nothing: the format of its
     * "would have been filtered by" annotation is unconfirmed.
     *
     * @return false when this was not the first message
     */
    synchronized boolean firstMessage(boolean debugFlag, TailFilterSet newFilters) {
        if (firstMessageSeen) {
            return false;
        }
        firstMessageSeen = true;
        debug = debugFlag;
        if (newFilters != null) {
            filters = newFilters;
        }
        return true;
    }

    /** Moves the cursor to {@code now}; returns where it was (null before a socket ever opened). */
    synchronized Instant advanceCursor(Instant now) {
        Instant from = cursor;
        if (from != null && now.isAfter(from)) {
            cursor = now;
        }
        return from;
    }

    /** Filters, samples and, if it survives, queues one event on the connection. */
    synchronized Delivery offer(TailEvent e, TailConnection c, long nanoTime) {
        if (governor.roll(nanoTime) == OverloadGovernor.Change.EXITED && !notice(c, "overload-stop")) {
            return Delivery.CLOSED;
        }
        if (!filters.matches(e, c.remoteIp(), random)) {
            filtered++;
            return Delivery.FILTERED;
        }
        if (governor.count() == OverloadGovernor.Change.ENTERED && !notice(c, "overload")) {
            return Delivery.CLOSED;
        }
        double keep = governor.keepFraction();
        if (keep < 1 && random.nextDouble() >= keep) {
            sampledOut++;
            return Delivery.SAMPLED_OUT;
        }
        if (!c.add(e.frame())) {
            return Delivery.CLOSED;
        }
        sent++;
        return Delivery.SENT;
    }

    /** Lets time pass with no events, so a tail that calmed down still hears that sampling ended. */
    synchronized void tick(TailConnection c, long nanoTime) {
        if (governor.roll(nanoTime) == OverloadGovernor.Change.EXITED) {
            notice(c, "overload-stop");
        }
    }

    private boolean notice(TailConnection c, String type) {
        notices++;
        return c.add(WsFrames.text(TailEventJson.notice(type, clock.millis())));
    }

    public synchronized long eventsSent() {
        return sent;
    }

    public synchronized long eventsFiltered() {
        return filtered;
    }

    public synchronized long eventsSampledOut() {
        return sampledOut;
    }

    public synchronized long noticesSent() {
        return notices;
    }

    public synchronized boolean sampling() {
        return governor.sampling();
    }
}
