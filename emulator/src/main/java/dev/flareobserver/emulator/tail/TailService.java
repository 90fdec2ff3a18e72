package dev.flareobserver.emulator.tail;

import dev.flareobserver.emulator.state.Ids;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import org.java_websocket.framing.CloseFrame;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Workers live tails: the tails themselves, their WebSocket server and the pump feeding them from
 * the traffic simulator and from the output of container instances bound to a Worker's Durable Objects. The server and the pump thread start with the first tail, so an emulator
 * nobody tails runs no extra threads; {@link #close} stops both and releases the port.
 */
public final class TailService implements AutoCloseable {

    /** Tail ids: 32 hex characters like Cloudflare's ({@code 03dc9f77817b488fb26c5861ec18f791}). */
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How far back a flood looks for a quiet Worker's events to fill its pool. */
    private static final int FLOOD_LOOKBACK_MINUTES = 180;
    static final int FLOOD_POOL = 4096;

    private final TailRegistry registry = new TailRegistry();
    private final ContainerOutput containerOutput = new ContainerOutput();
    private final TailEventSource source;
    private final Clock clock;
    private final Duration lifetime;
    private final int samplingThreshold;
    private TailSocketServer server;
    private ScheduledExecutorService pumpThread;
    private boolean closed;

    /**
     * @param hasScheduledHandler (account, script): whether the Worker's deployed code exports {@code scheduled}
     * @param lifetime            from creation to expiry
     * @param samplingThreshold   events per second per tail above which the tail samples
     */
    public TailService(TrafficSimulator traffic, BiPredicate<String, String> hasScheduledHandler, Clock clock,
                       Duration lifetime, int samplingThreshold) {
        this.source = new TailEventSource(traffic, hasScheduledHandler);
        this.clock = clock;
        this.lifetime = lifetime;
        this.samplingThreshold = samplingThreshold;
    }

    /**
     * Creates a tail on a Worker (which the caller has checked exists).
     *
     * @throws TailRegistry.LimitReachedException when the Worker already has 10 live tails
     */
    Tail create(String account, String script, TailFilterSet filters) {
        ensureRunning();
        Instant now = clock.instant();
        String id = randomHex(16);
        // The socket path is the tail's only credential, as the real URL is: long and random.
        String path = "/tail/" + id + "/" + randomHex(20);
        Tail tail = new Tail(id, account, script, path, now, now.plus(lifetime), filters, samplingThreshold, clock);
        registry.add(tail, now);
        return tail;
    }

    /**
     * How to find the Worker owning a container application's Durable Object namespace: (account, application id)
     * to script name. Its tails then show the application's instances' output.
     */
    public void containerOwners(java.util.function.BiFunction<String, String, Optional<String>> lookup) {
        containerOutput.ownersFrom(lookup);
    }

    /**
     * One line a container instance wrote; it reaches the tails of the Worker owning the instance's application, if
     * any. Dropped at once when no tail of the account is connected, so output nobody watches costs nothing.
     */
    public void containerLine(String accountId, String applicationId, String instanceId, boolean stderr, Instant time,
                              String text) {
        for (Tail t : registry.all()) {
            if (t.accountId().equals(accountId) && t.isConnected()) {
                containerOutput.add(accountId, applicationId, instanceId, stderr, time, text);
                return;
            }
        }
    }

    /** The WebSocket URL of a tail. */
    synchronized String url(Tail tail) {
        return "ws://127.0.0.1:" + (server == null ? 0 : server.getPort()) + tail.path();
    }

    List<Tail> live(String account, String script) {
        return registry.live(account, script, clock.instant());
    }

    Optional<Tail> find(String account, String script, String id) {
        return registry.find(account, script, id);
    }

    /** Removes a tail and closes its socket with 1000, which clients take as a clean end. */
    void delete(Tail tail) {
        registry.remove(tail);
        TailConnection c = tail.connection();
        if (c != null) {
            c.close(CloseFrame.NORMAL, "Tail deleted");
        }
    }

    /** Every tail, expired ones included, oldest first. */
    public List<Tail> all() {
        return registry.all();
    }

    Optional<Tail> byId(String id) {
        return registry.byId(id);
    }

    Instant now() {
        return clock.instant();
    }

    /** Where the stream comes from (tests compare it with the simulator). */
    TailEventSource source() {
        return source;
    }

    /** Expires tails now, silently (delivery stops, pings go unanswered, the socket stays open). */
    int expire(List<Tail> tails) {
        tails.forEach(Tail::expireNow);
        return tails.size();
    }

    /** Cuts the TCP connection of each connected tail (no close frame); the tails stay. */
    int drop(List<Tail> tails) {
        int n = 0;
        for (Tail t : tails) {
            TailConnection c = t.connection();
            if (c != null && c.isOpen()) {
                c.abort();
                n++;
            }
        }
        return n;
    }

    /**
     * Replays {@code events} of a Worker's recent simulated events to its connected tails.
     *
     * @param account null: that script name in every account
     * @throws IllegalStateException when the Worker has no traffic to replay
     */
    FloodPump.Result flood(String account, String script, long events, int rate) {
        List<Tail> targets = new ArrayList<>();
        for (Tail t : registry.all()) {
            if (t.scriptName().equals(script) && (account == null || t.accountId().equals(account))) {
                targets.add(t);
            }
        }
        if (targets.stream().noneMatch(Tail::isConnected)) {
            return new FloodPump.Result(script, 0, events, 0, 0, 0, 0, 0);
        }
        String poolAccount = account != null ? account : targets.get(0).accountId();
        List<TailEvent> pool = source.recent(poolAccount, script, clock.instant(), FLOOD_POOL, FLOOD_LOOKBACK_MINUTES);
        if (pool.isEmpty()) {
            throw new IllegalStateException("Worker " + script + " had no traffic in the last "
                    + FLOOD_LOOKBACK_MINUTES + " minutes to replay");
        }
        return new FloodPump(clock).flood(script, targets, pool, events, rate);
    }

    /** Forgets every tail, closing sockets with 1001 so clients reconnect (with new tails). */
    public void reset() {
        containerOutput.clear();
        for (Tail t : registry.clear()) {
            TailConnection c = t.connection();
            if (c != null) {
                c.close(CloseFrame.GOING_AWAY, "The emulator was reset");
            }
        }
    }

    private synchronized void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("The emulator is closed");
        }
        if (server != null) {
            return;
        }
        TailSocketServer s = new TailSocketServer(registry, clock);
        s.startListening();
        server = s;
        pumpThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flare-emulator-tail-pump");
            t.setDaemon(true);
            return t;
        });
        pumpThread.scheduleWithFixedDelay(new TailPump(registry, source, containerOutput, clock), TailPump.TICK_MILLIS,
                TailPump.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the pump and the WebSocket server (sockets get 1001); the port is free on return. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pumpThread != null) {
            pumpThread.shutdownNow();
            try {
                pumpThread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.stopListening();
        }
        registry.clear();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Ids.hex(b, bytes);
    }
}
