package dev.flareobserver.orchestration.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.LogTailSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live output of one container instance: a tail session on the Worker that owns the instance's application,
 * filtered here to the events of that instance. Container output reaches the tail as trace items with
 * {@code executionModel: "durableObject"}, {@code durableObjectId} the instance id as the v2 list reports it, and
 * each line in {@code logs[]} ({@code level} "log" for stdout, "error" for stderr). Closing it deletes the tail.
 */
public final class InstanceOutput implements AutoCloseable {

    /** One line the instance wrote. */
    public record Line(Instant time, boolean stderr, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_PER_POLL = 2_000;

    private final LogTailSession session;
    private final String worker;
    private final String instanceId;
    /** How often new lines are handed to the listener: one batch per period, never one call per line. */
    static final Duration BATCH_PERIOD = Duration.ofMillis(250);

    private final ScheduledExecutorService timer;
    private long seen = -1;

    /**
     * Starts tailing {@code worker}; the lines of {@code instanceId} go to {@code listener} in batches, on this
     * object's own thread (a UI hops to its own).
     */
    public InstanceOutput(LogTailSession session, String worker, String instanceId, Consumer<List<Line>> listener) {
        this.session = Objects.requireNonNull(session, "session");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(listener, "listener");
        session.start(List.of(worker));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flare-instance-output");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            List<Line> batch = poll();
            if (!batch.isEmpty()) {
                listener.accept(batch);
            }
        }, 0, BATCH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String worker() {
        return worker;
    }

    /** The tail's state in a few words ("connecting", "live", "failed: ..."), for the detail's status line. */
    public String status() {
        return session.health().stream().filter(h -> h.worker().equals(worker)).findFirst()
                .map(h -> h.state().name().toLowerCase(java.util.Locale.ROOT)
                        + (h.detail() == null || h.detail().isBlank() ? "" : ": " + h.detail()))
                .orElse("starting");
    }

    /** The lines of this instance that arrived since the last call, oldest first. */
    synchronized List<Line> poll() {
        List<LogEntry> entries = session.buffer().after(seen, MAX_PER_POLL);
        List<Line> out = new ArrayList<>();
        for (LogEntry e : entries) {
            seen = e.seq();
            if (e.kind() == EntryKind.EVENT) {
                lines(instanceId, e, out);
            }
        }
        return out;
    }

    /** The entry's log lines when it is an event of this instance (checked on its JSON as received). */
    static void lines(String instanceId, LogEntry entry, List<Line> out) {
        if (entry.json() == null || !entry.json().contains(instanceId)) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(entry.json());
        } catch (java.io.IOException malformed) {
            return;
        }
        if (!instanceId.equals(event.path("durableObjectId").asText(null))) {
            return;
        }
        for (JsonNode log : event.path("logs")) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : log.path("message")) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(part.isTextual() ? part.asText() : part.toString());
            }
            Instant time = log.has("timestamp") ? Instant.ofEpochMilli(log.path("timestamp").asLong()) : entry.time();
            out.add(new Line(time, "error".equals(log.path("level").asText()), text.toString()));
        }
    }

    /** Stops the tail and deletes it on the account. */
    @Override
    public void close() {
        timer.shutdownNow();
        session.close();
    }
}
