package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.CreateRollout;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.api.containers.RolloutKind;
import dev.flareobserver.api.containers.RolloutStatus;
import dev.flareobserver.api.containers.RolloutStepStatus;
import dev.flareobserver.api.containers.RolloutStrategy;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import java.time.Duration;
import java.util.List;

/**
 * Starts a rollout the way {@code wrangler deploy} does (containers.md §5: strategy {@code rolling}, kind
 * {@code full_auto}, and wrangler's current default steps 10 % then 100 %) and polls it until it completes, is
 * reverted or replaced, or the deadline passes.
 */
final class RolloutWaiter {

    static final List<Integer> STEP_PERCENTAGES = List.of(10, 100);

    private final CloudflareClient client;
    private final String accountId;
    private final ResourceWrites writes;
    private final StepReporter report;

    RolloutWaiter(CloudflareClient client, String accountId, ResourceWrites writes, StepReporter report) {
        this.client = client;
        this.accountId = accountId;
        this.writes = writes;
        this.report = report;
    }

    Rollout start(ContainerApplication app, ContainerConfiguration target, String description) {
        List<CreateRollout.StepSpec> steps = STEP_PERCENTAGES.stream().map(p -> new CreateRollout.StepSpec(
                new Rollout.StepSize(p), p + "% of instances")).toList();
        CreateRollout body = new CreateRollout(description, RolloutStrategy.ROLLING, target, RolloutKind.FULL_AUTO,
                null, steps, null);
        return writes.run(Write.of(accountId, "Containers", "start rollout", app.name()),
                () -> client.containers().applications().rollouts().create(accountId, app.id(), body),
                r -> "rollout " + r.id() + " to " + target.image());
    }

    /** The rollout once finished, or as last seen when {@code deadlineNanos} passed. */
    Rollout await(String applicationId, Rollout rollout, long deadlineNanos) {
        long start = System.nanoTime();
        Rollout last = rollout;
        while (last.status() == null || !last.status().isFinished()) {
            if (System.nanoTime() > deadlineNanos) {
                return last;
            }
            report.pause(PollInterval.after(Duration.ofNanos(System.nanoTime() - start)));
            last = client.containers().applications().rollouts().get(accountId, applicationId, rollout.id());
            report.progress(DeployStep.ROLLOUT, fraction(last), describe(last));
        }
        return last;
    }

    static double fraction(Rollout r) {
        if (r.status() == RolloutStatus.COMPLETED) {
            return 1;
        }
        Rollout.Progress p = r.progress();
        if (p == null || p.totalSteps() == null || p.totalSteps() == 0 || p.currentStep() == null) {
            return 0;
        }
        return p.currentStep() / (double) p.totalSteps();
    }

    static String describe(Rollout r) {
        Rollout.Progress p = r.progress();
        String steps = p == null || p.totalSteps() == null ? "" : ", step " + (p.currentStep() == null ? 0
                : p.currentStep()) + " of " + p.totalSteps();
        String instances = p == null || p.totalInstances() == null ? "" : ", " + (p.updatedInstances() == null ? 0
                : p.updatedInstances()) + " of " + p.totalInstances() + " instances updated";
        return "rollout " + (r.status() == null ? "pending" : r.status().name().toLowerCase()) + steps + instances;
    }

    /** The reason a reverted rollout's step gives (e.g. "instance ... failed: exited with code 3"). */
    static String revertReason(Rollout r) {
        return r.steps().stream().filter(s -> s.status() == RolloutStepStatus.REVERTED
                        || s.status() == RolloutStepStatus.REVERTING)
                .map(Rollout.Step::reason).filter(reason -> reason != null && !reason.isBlank())
                .findFirst().orElse("no reason given");
    }
}
