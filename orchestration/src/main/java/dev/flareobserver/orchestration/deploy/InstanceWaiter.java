package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.api.containers.InstanceListParams;
import dev.flareobserver.api.containers.InstanceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Watches an application's instances (v2 list) until {@code desired} of them run {@code image} and are healthy
 * ({@code running}: the instance answers on its port) and none still runs another image; reports every poll to the
 * listener. Stops early when an instance that started during this deploy fails on the new image.
 */
final class InstanceWaiter {

    /** How the wait ended: converged, an instance failed, or the deadline passed (with what was last seen). */
    record Outcome(boolean converged, Optional<ContainerInstanceV2> failed, List<ContainerInstanceV2> last) {
    }

    private final CloudflareClient client;
    private final String accountId;
    private final StepReporter report;

    InstanceWaiter(CloudflareClient client, String accountId, StepReporter report) {
        this.client = client;
        this.accountId = accountId;
        this.report = report;
    }

    /** Instance ids the application has now: failures among them are old news, not this deploy's. */
    Set<String> present(String applicationId) {
        return list(applicationId).stream().map(ContainerInstanceV2::id).collect(Collectors.toSet());
    }

    Outcome await(String applicationId, String image, int desired, Set<String> before, long deadlineNanos) {
        long start = System.nanoTime();
        while (true) {
            List<ContainerInstanceV2> now = list(applicationId);
            report.instances(now);
            long healthy = now.stream().filter(i -> i.state() == InstanceState.RUNNING && image.equals(i.image()))
                    .count();
            boolean othersGone = now.stream().noneMatch(i -> serving(i) && !image.equals(i.image()));
            report.progress(DeployStep.CONVERGE, healthy / (double) desired,
                    healthy + " of " + desired + " instances healthy on the new image (" + states(now) + ")");
            if (healthy >= desired && othersGone) {
                return new Outcome(true, Optional.empty(), now);
            }
            Optional<ContainerInstanceV2> failed = now.stream().filter(i -> !before.contains(i.id())
                    && image.equals(i.image()) && i.state() == InstanceState.FAILED).findFirst();
            if (failed.isPresent()) {
                return new Outcome(false, failed, now);
            }
            if (System.nanoTime() > deadlineNanos) {
                return new Outcome(false, Optional.empty(), now);
            }
            report.pause(PollInterval.after(Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private List<ContainerInstanceV2> list(String applicationId) {
        return client.containers().applications().instances()
                .listAllV2(accountId, applicationId, InstanceListParams.all()).stream().toList();
    }

    /** Running or about to (a stopping instance is on its way out). */
    private static boolean serving(ContainerInstanceV2 i) {
        return i.state().isActive() && i.state() != InstanceState.STOPPING;
    }

    /** E.g. "running 2, provisioning 1". */
    static String states(List<ContainerInstanceV2> instances) {
        if (instances.isEmpty()) {
            return "no instances yet";
        }
        Map<String, Long> counts = new TreeMap<>(instances.stream().collect(Collectors.groupingBy(
                i -> i.state().name().toLowerCase(), Collectors.counting())));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
