package dev.flareobserver.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flareobserver.api.containers.ContainerInstanceV2;
import dev.flareobserver.orchestration.deploy.DeployFailedException;
import dev.flareobserver.orchestration.deploy.DeployListener;
import dev.flareobserver.orchestration.deploy.DeployRequest;
import dev.flareobserver.orchestration.deploy.DeployResult;
import dev.flareobserver.orchestration.deploy.DeployStep;
import dev.flareobserver.orchestration.deploy.DeployWorkflow;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flare-observer deploy-container BINARY --app NAME}: checks a native linux/amd64 executable, builds a scratch
 * image of it (no Docker), pushes it, creates or modifies the application, rolls it out and waits until its
 * instances are healthy, printing one line per step.
 */
@Command(name = "deploy-container", mixinStandardHelpOptions = true,
        description = "Deploys a static linux/amd64 executable (Rust musl, Go, C...) as a Cloudflare Container: "
                + "checks it, builds a scratch image with it as the entrypoint (no Docker needed), pushes it to the "
                + "account's registry, creates the application or modifies it and rolls it out, then waits until every "
                + "instance runs it and is healthy.%nExit codes: 0 deployed, 1 refused or failed, 2 usage error.")
final class DeployContainerCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?");

    private final CliContext ctx;

    @Parameters(paramLabel = "BINARY", description = "The executable to deploy.")
    Path binary;

    @Option(names = "--app", required = true, paramLabel = "NAME",
            description = "Application name (created when missing); also the image name.")
    String app;

    @Option(names = "--port", paramLabel = "N", description = "Port the binary listens on (default: ${DEFAULT-VALUE}).")
    int port = DeployRequest.DEFAULT_PORT;

    @Option(names = "--env", paramLabel = "K=V", description = "Environment variable for the instances (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "T", description = "Image tag (default: sha- and the binary's SHA-256).")
    String tag;

    @Option(names = "--instances", paramLabel = "N",
            description = "Instances of a new application (default: ${DEFAULT-VALUE}).")
    int instances = 1;

    @Option(names = "--tar", paramLabel = "FILE", description = "Also write the image as an OCI tar.")
    Path tar;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long to wait for healthy instances, e.g. 90s, 2m, 1m30s (default: 2m).")
    String timeout = "2m";

    @Option(names = "--json", description = "Print the result as JSON (steps are not printed).")
    boolean json;

    DeployContainerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Duration> converge = parseDuration(timeout);
        if (converge.isEmpty()) {
            ctx.err().println("--timeout must look like 90s, 2m or 1m30s; was '" + timeout + "'.");
            return FlareCli.USAGE;
        }
        DeployRequest request = new DeployRequest(binary, app, port, env, tag, Optional.ofNullable(tar), instances,
                converge.get());
        return CliConnections.withConnection(ctx, true, (connection, s) -> {
            DeployWorkflow workflow = new DeployWorkflow(connection, CliConnections.writes(ctx), DeployWorkflow.defaultCacheDir(ctx.env()));
            try (TaskRunner tasks = TaskRunner.sameThread()) {
                DeployResult result = tasks.submit("Deploy " + app, task -> workflow.deploy(request,
                        json ? DeployListener.NONE : new StepPrinter(), task)).result().join();
                if (json) {
                    ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(json(result)));
                } else {
                    ctx.out().println("Deployed " + result.image() + " to " + result.applicationName() + " (version "
                            + result.version() + ") in " + result.elapsed().toMillis() / 100 / 10.0 + " s.");
                }
                return FlareCli.OK;
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof DeployFailedException failed) {
                    ctx.err().println("Error: " + failed.step().title() + " failed. " + failed.getMessage());
                    return FlareCli.FAILURE;
                }
                if (cause instanceof ReadOnlyException readOnly) {
                    ctx.err().println("Error: " + readOnly.getMessage());
                    return FlareCli.FAILURE;
                }
                throw e;
            }
        });
    }

    private static Map<String, Object> json(DeployResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("application_id", r.applicationId());
        out.put("application", r.applicationName());
        out.put("image", r.image());
        out.put("version", r.version());
        out.put("previous_version", r.previousVersion());
        out.put("rollout_id", r.rolloutId());
        out.put("elapsed_ms", r.elapsed().toMillis());
        return out;
    }

    /** "2m", "90s", "1m30s". */
    static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (text == null || text.isBlank() || !m.matches()) {
            return Optional.empty();
        }
        long seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    /** One line per step as it ends; warnings as they come. */
    private final class StepPrinter implements DeployListener {

        private String line(DeployStep step) {
            return "[" + (step.ordinal() + 1) + "/" + DeployStep.values().length + "] " + step.title();
        }

        @Override
        public void started(DeployStep step, String detail) {
        }

        @Override
        public void progress(DeployStep step, double fraction, String detail) {
        }

        @Override
        public void finished(DeployStep step, String detail) {
            ctx.out().println(line(step) + ": " + detail);
        }

        @Override
        public void skipped(DeployStep step, String reason) {
            ctx.out().println(line(step) + ": skipped, " + reason);
        }

        @Override
        public void failed(DeployStep step, String reason) {
            ctx.out().println(line(step) + ": FAILED");
        }

        @Override
        public void warning(String text) {
            ctx.err().println("Warning: " + text);
        }

        @Override
        public void instances(List<ContainerInstanceV2> instances) {
        }
    }
}
