package dev.flareobserver.app.cli;

import dev.flareobserver.orchestration.provision.ApplyFailedException;
import dev.flareobserver.orchestration.provision.ApplyRecord;
import dev.flareobserver.orchestration.provision.ApplyResult;
import dev.flareobserver.orchestration.provision.CloudflareAccountResources;
import dev.flareobserver.orchestration.provision.ProvisionJournals;
import dev.flareobserver.orchestration.provision.ProvisionPlan;
import dev.flareobserver.orchestration.provision.ProvisionPlanner;
import dev.flareobserver.orchestration.provision.ProvisionWorkflow;
import dev.flareobserver.orchestration.provision.WranglerConfig;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flare-observer apply CONFIG}: creates what the plan says is missing and writes the ids into the config. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Creates the missing KV namespaces, D1 databases, R2 buckets and queues of a wrangler config and "
                + "writes their ids into it (only the id lines change). Every step is journaled under "
                + "$XDG_STATE_HOME/flare-observer/provision; a failure rolls back what this apply created. If an "
                + "earlier apply of the config never finished, choose --resume or --rollback. Never deletes anything "
                + "that existed before.%nExit codes: 0 applied (or nothing to do), 1 failure.")
final class ApplyCommand implements Callable<Integer> {

    /** Test seam: "before:N" or "after:N" stops the process at that create step until it is killed. */
    static final String PAUSE_PROPERTY = "flare.provision.pause";

    private final CliContext ctx;

    @Parameters(paramLabel = "CONFIG", description = "wrangler.toml, wrangler.jsonc or wrangler.json.")
    Path config;

    @Option(names = "--env", paramLabel = "ENV", description = "Apply [env.ENV].")
    String env;

    @Option(names = "--yes", description = "Apply without asking (required when not on a terminal).")
    boolean yes;

    @Option(names = "--resume", description = "Finish the unfinished earlier apply of this config.")
    boolean resume;

    @Option(names = "--rollback", description = "Delete what the unfinished earlier apply of this config created.")
    boolean rollback;

    ApplyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (resume && rollback) {
            ctx.err().println("Choose one of --resume and --rollback.");
            return FlareCli.USAGE;
        }
        Optional<WranglerConfig> read = ProvisionCli.read(ctx, config, env);
        if (read.isEmpty()) {
            return FlareCli.FAILURE;
        }
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            CloudflareAccountResources account = ProvisionCli.account(connection, s);
            ProvisionJournals journals = ProvisionCli.journals(ctx);
            ResourceWrites writes = CliConnections.writes(ctx);
            ProvisionWorkflow workflow = new ProvisionWorkflow(account, writes, journals, pauseHook());
            List<ApplyRecord> unfinished = journals.unfinished(config);
            try (TaskRunner tasks = TaskRunner.sameThread()) {
                if (!unfinished.isEmpty()) {
                    ApplyRecord record = unfinished.get(0);
                    if (!resume && !rollback) {
                        ctx.err().println("An earlier apply of this config did not finish (journal " + record.applyId()
                                + ", started " + record.startedAt() + "): " + record.progressSummary() + ".");
                        record.lines().forEach(l -> ctx.err().println("  " + l));
                        ctx.err().println("Run again with --resume to finish it, or --rollback to delete what it created.");
                        return FlareCli.FAILURE;
                    }
                    ApplyResult r = run(tasks, resume ? "Resume apply" : "Roll back apply", c -> resume
                            ? workflow.resume(record, c, ctx.out()::println)
                            : workflow.rollback(record, c, ctx.out()::println));
                    ctx.out().println(resume ? "Resumed: the apply is complete." : "Rolled back: "
                            + (r.deleted().isEmpty() ? "nothing had been created." : "deleted " + String.join(", ", r.deleted()) + "."));
                    return FlareCli.OK;
                }
                if (resume || rollback) {
                    ctx.err().println("No unfinished apply of " + config + " to " + (resume ? "resume" : "roll back") + ".");
                    return FlareCli.FAILURE;
                }
                ProvisionPlan plan = ProvisionPlanner.plan(read.get(), account);
                ProvisionCli.print(ctx, plan);
                if (!plan.hasWork()) {
                    ctx.out().println("No changes to apply.");
                    return FlareCli.OK;
                }
                if (!yes && !confirmed()) {
                    ctx.err().println("Not applied. Run with --yes to apply.");
                    return FlareCli.FAILURE;
                }
                ApplyResult result = run(tasks, "Apply " + config.getFileName(),
                        c -> workflow.apply(plan, c, ctx.out()::println));
                ctx.out().println("Applied: created " + result.created().size()
                        + (result.configWritten() ? "; ids written into " + config : "") + ".");
                return FlareCli.OK;
            } catch (ApplyFailedException e) {
                ctx.err().println("Error: " + e.getMessage());
                return FlareCli.FAILURE;
            }
        });
    }

    private static ApplyResult run(TaskRunner tasks, String title,
                                   java.util.function.Function<dev.flareobserver.orchestration.task.TaskContext, ApplyResult> work) {
        try {
            return tasks.submit(title, work).result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private boolean confirmed() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("Apply these changes? [y/N] ");
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    private ProvisionWorkflow.StepHook pauseHook() {
        String pause = System.getProperty(PAUSE_PROPERTY);
        if (pause == null) {
            return ProvisionWorkflow.StepHook.NONE;
        }
        String[] p = pause.split(":");
        return (point, step) -> {
            if (point.equals(p[0]) && step.index() == Integer.parseInt(p[1])) {
                ctx.err().println("PAUSED " + pause);
                ctx.err().flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
