package dev.flareobserver.orchestration.containers;

import dev.flareobserver.api.containers.ApplicationVersion;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.ContainerPoolState;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.api.containers.SchedulingPolicy;
import java.util.List;

/**
 * One application with what was read about it in one refresh.
 *
 * @param latestRollout the active rollout, else the newest one; null when there was none
 * @param pool          the pool state, or null when the application has no pool
 * @param poolHistory   recent pool samples, oldest first (empty without a pool)
 * @param ownerWorker   the Worker owning the application's Durable Object namespace, or null
 * @param problem       what could not be read for this application (its other data is what could), or null
 */
public record ApplicationRow(ContainerApplication application, List<InstanceRow> instances, Rollout latestRollout,
                             List<ApplicationVersion> versions, ContainerPoolState pool, List<PoolSample> poolHistory,
                             String ownerWorker, String problem) {

    public ApplicationRow {
        instances = List.copyOf(instances);
        versions = versions == null ? List.of() : List.copyOf(versions);
        poolHistory = poolHistory == null ? List.of() : List.copyOf(poolHistory);
    }

    public String id() {
        return application.id();
    }

    public String name() {
        return application.name();
    }

    public String image() {
        ContainerConfiguration c = application.configuration();
        return c == null ? null : c.image();
    }

    public int running() {
        return (int) instances.stream().filter(i -> i.state() == InstanceState.RUNNING).count();
    }

    /** {@code max_instances}, else the configured count; null when the application says neither. */
    public Integer maxInstances() {
        return application.maxInstances() != null ? application.maxInstances() : application.instances();
    }

    public boolean durableObjectManaged() {
        return application.schedulingPolicy() == SchedulingPolicy.DURABLE_OBJECT;
    }

    /** The rollout in a few words: "progressing 2/4", "completed", or "none". */
    public String rolloutState() {
        if (latestRollout == null || latestRollout.status() == null) {
            return "none";
        }
        String status = latestRollout.status().name().toLowerCase(java.util.Locale.ROOT);
        Rollout.Progress p = latestRollout.progress();
        if (!latestRollout.status().isFinished() && p != null && p.currentStep() != null && p.totalSteps() != null) {
            return status + " " + p.currentStep() + "/" + p.totalSteps();
        }
        return status;
    }

    public ApplicationRow withPoolHistory(List<PoolSample> history) {
        return new ApplicationRow(application, instances, latestRollout, versions, pool, history, ownerWorker, problem);
    }

    public ApplicationRow withInstances(List<InstanceRow> value) {
        return new ApplicationRow(application, value, latestRollout, versions, pool, poolHistory, ownerWorker, problem);
    }
}
