package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flareobserver.emulator.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One rollout, run step by step on a worker thread. Step {@code i} brings the number of instances on the target
 * version to {@code ceil(total × percentage_i / 100)}: it starts that many new instances, waits until each answers
 * on its port, then stops as many old ones (so capacity never drops). A new instance that fails or never becomes
 * healthy reverts the rollout: the new instances stop and the old version is brought back to full count, and the
 * rollout ends {@code reverted} with the reason on the step. {@code full_manual} rollouts wait for
 * {@code action: next} before each step after the first; {@code previous} undoes the last completed step and
 * {@code revert} goes back entirely. Step percentages are taken as cumulative targets (unconfirmed).
 */
final class RolloutRun {

    /** How long a new instance may take to become healthy before the step fails. */
    static final Duration STEP_TIMEOUT = InstanceSupervisor.STARTUP_TIMEOUT.plusSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RolloutRun.class);

    private final ContainersService service;
    private final ObjectNode app;
    private final String id = UUID.randomUUID().toString();
    private final int currentVersion;
    private final ObjectNode currentConfiguration;
    private final int targetVersion;
    private final ObjectNode targetConfiguration;
    private final List<Integer> cumulative;
    private final boolean manual;
    private final ObjectNode doc;
    private final BlockingQueue<String> actions = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private int total;
    /** Instances on the version the rollout started from, and those it started on the target version. */
    private final List<Instance> oldSide = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Instance> newSide = new java.util.concurrent.CopyOnWriteArrayList<>();

    RolloutRun(ContainersService service, ObjectNode app, ObjectNode body, int currentVersion,
               ObjectNode currentConfiguration, int targetVersion, ObjectNode targetConfiguration,
               List<Integer> cumulative) {
        this.service = service;
        this.app = app;
        this.currentVersion = currentVersion;
        this.currentConfiguration = currentConfiguration;
        this.targetVersion = targetVersion;
        this.targetConfiguration = targetConfiguration;
        this.cumulative = List.copyOf(cumulative);
        this.manual = "full_manual".equals(body.path("kind").asText());
        Instant now = service.now();
        doc = Json.MAPPER.createObjectNode();
        doc.put("id", id);
        doc.put("description", body.path("description").asText());
        doc.put("created_at", now.toString());
        doc.put("last_updated_at", now.toString());
        doc.put("kind", body.path("kind").asText("full_auto"));
        doc.put("strategy", body.path("strategy").asText("rolling"));
        doc.put("current_version", currentVersion);
        doc.put("target_version", targetVersion);
        doc.set("current_configuration", currentConfiguration);
        doc.set("target_configuration", targetConfiguration);
        doc.put("status", "pending");
        doc.putObject("health").putObject("instances");
        ArrayNode steps = doc.putArray("steps");
        int previous = 0;
        for (int i = 0; i < cumulative.size(); i++) {
            ObjectNode step = steps.addObject();
            step.put("id", i + 1);
            step.putObject("step_size").put("percentage", cumulative.get(i) - previous);
            step.put("description", "Step " + (i + 1) + " of " + cumulative.size() + ": " + cumulative.get(i)
                    + "% of instances on version " + targetVersion);
            step.put("status", "pending");
            previous = cumulative.get(i);
        }
        if (body.has("percentage")) {
            doc.set("percentage", body.get("percentage"));
        }
        this.total = ContainersService.desiredInstances(app);
        progress(0, 0);
        save();
    }

    String id() {
        return id;
    }

    synchronized ObjectNode document() {
        return doc.deepCopy();
    }

    /** next, previous or revert; false if the rollout has finished. */
    boolean act(String action) {
        if (isFinished()) {
            return false;
        }
        actions.add(action);
        return true;
    }

    synchronized boolean isFinished() {
        String s = doc.path("status").asText();
        return s.equals("completed") || s.equals("reverted") || s.equals("replaced");
    }

    /** A newer rollout takes over. */
    void replace() {
        cancelled = true;
        update(d -> d.put("status", "replaced"));
    }

    void cancel() {
        cancelled = true;
    }

    void execute() {
        String appId = app.get("id").asText();
        oldSide.addAll(service.supervisor().ofApplication(appId).stream()
                .filter(i -> i.state().isActive() && i.state() != InstanceState.STOPPING).toList());
        try {
            update(d -> {
                d.put("status", "progressing");
                d.put("started_at", service.now().toString());
            });
            int done = 0;
            int onTarget = 0;
            while (done < cumulative.size()) {
                if (cancelled) {
                    return;
                }
                if (manual && done > 0) {
                    String action = actions.poll(500, TimeUnit.MILLISECONDS);
                    if (action == null) {
                        continue;
                    }
                    if (action.equals("revert")) {
                        revert(done - 1, "reverted on request");
                        return;
                    }
                    if (action.equals("previous")) {
                        int back = done - 2 < 0 ? 0 : target(done - 2);
                        if (!converge(onTarget, back, done - 1)) {
                            return;
                        }
                        onTarget = back;
                        int undone = done - 1;
                        update(d -> stepStatus(d, undone, "reverted", "undone by action previous"));
                        done--;
                        progress(done, onTarget);
                        continue;
                    }
                } else if ("revert".equals(actions.peek())) {
                    actions.clear();
                    revert(Math.max(0, done - 1), "reverted on request");
                    return;
                }
                int step = done;
                update(d -> {
                    stepStatus(d, step, "progressing", null);
                    ((ObjectNode) d.path("steps").get(step)).put("started_at", service.now().toString());
                });
                int t = target(step);
                if (!converge(onTarget, t, step)) {
                    return;
                }
                onTarget = t;
                update(d -> {
                    stepStatus(d, step, "completed", null);
                    ((ObjectNode) d.path("steps").get(step)).put("completed_at", service.now().toString());
                });
                done++;
                progress(done, onTarget);
            }
            service.rolloutCompleted(app.path("account_id").asText(), appId, targetVersion, targetConfiguration);
            update(d -> d.put("status", "completed"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Rollout {} of application {} failed: {}", id, appId, e.toString());
            revert(0, "emulator error: " + e.getMessage());
        }
    }

    private int target(int step) {
        return (int) Math.ceil(total * cumulative.get(step) / 100.0);
    }

    /**
     * Moves from {@code from} to {@code to} instances on the target version: start the incoming side, wait for it
     * to be healthy, stop as many of the outgoing side. False (after reverting) if an incoming instance failed.
     */
    private boolean converge(int from, int to, int step) throws InterruptedException {
        boolean forward = to >= from;
        int count = Math.abs(to - from);
        int version = forward ? targetVersion : currentVersion;
        JsonNode configuration = forward ? targetConfiguration : currentConfiguration;
        List<Instance> incoming = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            incoming.add(service.start(app, version, configuration, null, null, Map.of()));
        }
        String failure = awaitHealthy(incoming);
        if (failure != null) {
            incoming.forEach(service.supervisor()::stop);
            revert(step, failure);
            return false;
        }
        (forward ? newSide : oldSide).addAll(incoming);
        List<Instance> outgoing = (forward ? oldSide : newSide).stream()
                .filter(i -> i.state().isActive() && i.state() != InstanceState.STOPPING).toList();
        for (int i = 0; i < count && i < outgoing.size(); i++) {
            service.supervisor().stop(outgoing.get(i));
            (forward ? oldSide : newSide).remove(outgoing.get(i));
        }
        return true;
    }

    /** Null when every instance answers on its port; else why not. */
    private String awaitHealthy(List<Instance> instances) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            boolean all = true;
            for (Instance i : instances) {
                Instance.Snapshot s = i.snapshot();
                if (s.state() == InstanceState.FAILED || s.state() == InstanceState.STOPPED) {
                    service.recordFailure(s);
                    return "instance " + s.id() + " failed: " + (s.failure() == null ? "it stopped" : s.failure());
                }
                if (s.state() == InstanceState.UNHEALTHY) {
                    return "instance " + s.id() + " did not answer on its port within "
                            + InstanceSupervisor.STARTUP_TIMEOUT.toSeconds() + " s";
                }
                all &= s.state() == InstanceState.RUNNING;
            }
            if (all) {
                return null;
            }
            if (cancelled) {
                return "the rollout was replaced";
            }
            if (System.nanoTime() > deadline) {
                return "instances did not become healthy within " + STEP_TIMEOUT.toSeconds() + " s";
            }
            Thread.sleep(50);
        }
    }

    /** Back to the version the rollout started from, at full count; the step shows why. */
    private void revert(int step, String reason) {
        update(d -> {
            stepStatus(d, step, "reverting", reason);
            d.put("status", "progressing");
        });
        String appId = app.get("id").asText();
        newSide.forEach(service.supervisor()::stop);
        newSide.clear();
        long old = oldSide.stream().filter(i -> i.state().isActive() && i.state() != InstanceState.STOPPING).count();
        for (long n = old; n < total; n++) {
            oldSide.add(service.start(app, currentVersion, currentConfiguration, null, null, Map.of()));
        }
        update(d -> {
            stepStatus(d, step, "reverted", reason);
            d.put("status", "reverted");
        });
        LOG.info("Rollout {} of application {} reverted: {}", id, appId, reason);
    }

    private static void stepStatus(ObjectNode d, int step, String status, String reason) {
        JsonNode s = d.path("steps").get(step);
        if (s instanceof ObjectNode o) {
            o.put("status", status);
            if (reason != null) {
                o.put("reason", reason);
            }
        }
    }

    private void progress(int currentStep, int updated) {
        update(d -> {
            ObjectNode p = d.putObject("progress");
            p.put("total_steps", cumulative.size());
            p.put("current_step", currentStep);
            p.put("updated_instances", updated);
            p.put("total_instances", total);
        });
    }

    private void update(java.util.function.Consumer<ObjectNode> change) {
        synchronized (this) {
            if (doc.path("status").asText().equals("replaced") && change != null) {
                // A replaced rollout keeps its last state.
                doc.put("last_updated_at", service.now().toString());
            } else {
                change.accept(doc);
                doc.put("last_updated_at", service.now().toString());
            }
        }
        save();
    }

    private void save() {
        service.store().putRollout(app.get("id").asText(), document());
    }
}
