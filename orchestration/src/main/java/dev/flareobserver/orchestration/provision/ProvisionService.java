package dev.flareobserver.orchestration.provision;

import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.task.TaskContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Provisioning on the connection's current account, for the app: plan, apply, resume, roll back, history and
 * export. Blocking; run each call as a task.
 */
public final class ProvisionService {

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private final ProvisionJournals journals;

    public ProvisionService(AccountConnection connection, ResourceWrites writes, ProvisionJournals journals) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.journals = Objects.requireNonNull(journals, "journals");
    }

    private AccountResources account() {
        String accountId = connection.currentAccount().orElseThrow(
                () -> new IllegalStateException("No account is selected")).id();
        return new CloudflareAccountResources(connection.client().orElseThrow(
                () -> new IllegalStateException("Not connected")), accountId);
    }

    private ProvisionWorkflow workflow() {
        return new ProvisionWorkflow(account(), writes, journals);
    }

    /** Reads the config (its problems before any request) and compares it with the account. */
    public ProvisionPlan plan(Path config, String env) {
        WranglerConfig read = WranglerConfigReader.read(config, env);
        return ProvisionPlanner.plan(read, account());
    }

    public ApplyResult apply(ProvisionPlan plan, TaskContext task, Consumer<String> log) {
        return workflow().apply(plan, task, log);
    }

    public ApplyResult resume(ApplyRecord record, TaskContext task, Consumer<String> log) {
        return workflow().resume(record, task, log);
    }

    public ApplyResult rollback(ApplyRecord record, TaskContext task, Consumer<String> log) {
        return workflow().rollback(record, task, log);
    }

    /** The applies journaled on this machine, newest first (reads local files only). */
    public List<ApplyRecord> history() {
        return journals.list();
    }

    /** The account (when {@code worker} is null or blank) or one Worker's bindings as a wrangler config. */
    public String export(String worker, ConfigFormat format) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return worker == null || worker.isBlank() ? ConfigExporter.account(account(), null, today, format)
                : ConfigExporter.worker(account(), worker.trim(), today, format);
    }
}
