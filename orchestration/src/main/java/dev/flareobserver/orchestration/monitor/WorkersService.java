package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.workers.CreateDeployment;
import dev.flareobserver.api.workers.Deployment;
import dev.flareobserver.api.workers.WorkerVersion;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.AccountSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Changes to Workers the app offers; stateless. Every method blocks on HTTP: run it from a task. */
public final class WorkersService {

    /** Cloudflare's limit on {@code workers/message}. */
    static final int MAX_MESSAGE_LENGTH = 50;

    private final AccountConnection connection;

    public WorkersService(AccountConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Reads what is deployed now and the chosen version, and says in one sentence what a rollback would do. */
    public RollbackPlan planRollback(String scriptName, String versionId) {
        requireText("scriptName", scriptName);
        requireText("versionId", versionId);
        CloudflareClient client = client();
        String account = accountId();
        List<Deployment> deployments = client.workers().scripts().deployments(account, scriptName).list();
        WorkerVersion target = client.workers().scripts().versions(account, scriptName).get(versionId);
        List<VersionInfo> known = WorkerDetailBuilder.versions(
                client.workers().scripts().versions(account, scriptName).list().items());
        Map<String, Integer> numbers = WorkerDetailBuilder.numbers(known);
        Deployment current = deployments.stream()
                .max(Comparator.comparing(Deployment::createdOn, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
        List<VersionShare> shares = current == null ? List.of() : WorkerDetailBuilder.shares(current, numbers);
        VersionInfo info = WorkerDetailBuilder.versions(List.of(target)).get(0);
        String now = shares.isEmpty() ? "nothing is deployed now" : "replacing " + shares.stream()
                .map(s -> "version " + (s.versionNumber() == 0 ? s.versionId() : s.versionNumber()) + " ("
                        + format(s.percentage()) + " %)")
                .collect(Collectors.joining(" and "));
        String summary = "Deploy version " + info.number()
                + (info.message() == null ? "" : " (\"" + info.message() + "\")")
                + " of " + scriptName + " to 100 % of traffic, " + now + ".";
        return new RollbackPlan(scriptName, shares, info, summary);
    }

    /**
     * Creates a 100 % deployment of the plan's version. {@code typedConfirmation} must equal the script name, else
     * nothing is sent. {@code message} (≤ 50 characters) defaults to "Rollback to version N via Flare Observer".
     */
    public DeploymentMarker rollback(RollbackPlan plan, String typedConfirmation, String message) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.scriptName().equals(typedConfirmation)) {
            throw new IllegalArgumentException("Type the Worker's name \"" + plan.scriptName()
                    + "\" exactly to confirm the rollback; nothing was deployed.");
        }
        String note = message == null || message.isBlank()
                ? "Rollback to version " + plan.target().number() + " via Flare Observer" : message.strip();
        if (note.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("The deployment message may have at most " + MAX_MESSAGE_LENGTH
                    + " characters (Cloudflare's limit); it has " + note.length() + ".");
        }
        CloudflareClient client = client();
        Deployment created = client.workers().scripts().deployments(accountId(), plan.scriptName())
                .create(CreateDeployment.allTo(plan.target().id(), note));
        List<VersionShare> shares = new ArrayList<>();
        for (Deployment.VersionPercentage v : created.versions()) {
            shares.add(new VersionShare(v.versionId(),
                    v.versionId().equals(plan.target().id()) ? plan.target().number() : 0, v.percentage()));
        }
        return new DeploymentMarker(created.id(), created.createdOn(), created.authorEmail(),
                created.message() != null ? created.message() : note, shares, null, null, null, null);
    }

    private CloudflareClient client() {
        return connection.client().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare"));
    }

    private String accountId() {
        AccountSummary current = connection.snapshot().current();
        if (current == null) {
            throw new IllegalStateException("No account is selected");
        }
        return current.id();
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static String format(double percentage) {
        return percentage == Math.rint(percentage) ? String.valueOf((long) percentage) : String.valueOf(percentage);
    }
}
