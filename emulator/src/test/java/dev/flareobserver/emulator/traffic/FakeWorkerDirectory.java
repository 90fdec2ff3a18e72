package dev.flareobserver.emulator.traffic;

import dev.flareobserver.emulator.workers.DeploymentEvent;
import dev.flareobserver.emulator.workers.VersionShare;
import dev.flareobserver.emulator.workers.WorkerDirectory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory directory the tests shape by hand (deploy, split, roll back). */
public final class FakeWorkerDirectory implements WorkerDirectory {

    public static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

    private final Map<String, List<String>> names = new ConcurrentHashMap<>();
    private final Map<String, List<DeploymentEvent>> deployments = new ConcurrentHashMap<>();

    /** A Worker with one version deployed at 100 % at {@code since}. */
    public FakeWorkerDirectory worker(String account, String script, Instant since) {
        names.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(script);
        deploy(account, script, since, share(script + "-v1", 1, 100, Map.of()));
        return this;
    }

    /** {@code n} generated Workers, worker-0001..., all serving for the last 8 days. */
    public static FakeWorkerDirectory generated(int n, Instant now) {
        FakeWorkerDirectory d = new FakeWorkerDirectory();
        for (int i = 1; i <= n; i++) {
            d.worker(ACCOUNT, String.format("worker-%04d", i), now.minus(Duration.ofDays(8)));
        }
        return d;
    }

    public FakeWorkerDirectory deploy(String account, String script, Instant at, VersionShare... versions) {
        deployments.computeIfAbsent(account + "/" + script, k -> new CopyOnWriteArrayList<>())
                .add(new DeploymentEvent(at, "dep-" + script + "-" + at.getEpochSecond(), List.of(versions)));
        return this;
    }

    public static VersionShare share(String versionId, int number, double percentage, Map<String, String> annotations) {
        return new VersionShare(versionId, number, percentage, annotations);
    }

    @Override
    public List<String> scriptNames(String accountId) {
        return List.copyOf(names.getOrDefault(accountId, List.of()));
    }

    @Override
    public List<DeploymentEvent> deployments(String accountId, String scriptName) {
        return new ArrayList<>(deployments.getOrDefault(accountId + "/" + scriptName, List.of()));
    }
}
