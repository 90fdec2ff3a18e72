package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.accounts.Account;
import dev.flareobserver.api.containers.ApplicationVersion;
import dev.flareobserver.api.containers.ContainerApplication;
import dev.flareobserver.api.containers.ContainerConfiguration;
import dev.flareobserver.api.containers.NameValue;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryPermission;
import dev.flareobserver.api.containers.Rollout;
import dev.flareobserver.api.containers.RolloutStatus;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.orchestration.task.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;

/**
 * The deploy of a native binary as a Cloudflare Container, on the current account of {@code connection}. Every
 * change to the account goes through {@code writes} (read-only mode, audit). {@code cacheDir} holds Jib's layer
 * caches.
 *
 * <p>Steps: check the file locally ({@link BinaryInspector}); build a scratch image ({@link ImageBuilder}); push it
 * ({@link ImagePusher}); create the application, or PATCH its configuration and start a rolling rollout as
 * {@code wrangler deploy} does ({@link ApplicationWriter}, {@link RolloutWaiter}); wait until every instance runs the
 * new image and is healthy ({@link InstanceWaiter}). A failure names the step and says what state the application was
 * left in.
 */
public final class DeployWorkflow implements ContainerDeployer {

    /** Image repository names: lower case, digits and separators (the OCI distribution rule, simplified). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Push credentials live as long as wrangler asks for (containers.md §6); a longer push re-issues them. */
    private static final int CREDENTIAL_MINUTES = 15;

    private final AccountConnection connection;
    private final ResourceWrites writes;
    private final Path cacheDir;
    private final BinaryInspector inspector = new BinaryInspector();

    public DeployWorkflow(AccountConnection connection, ResourceWrites writes, Path cacheDir) {
        this.connection = connection;
        this.writes = writes;
        this.cacheDir = cacheDir;
    }

    /**
     * Where deploys keep Jib's layer caches, created if missing: {@code $XDG_CACHE_HOME/flare-observer/jib}, else
     * {@code ~/.cache/flare-observer/jib}. The app and the {@code deploy-container} command share it.
     */
    public static Path defaultCacheDir(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home", "."), ".cache");
        Path dir = base.resolve("flare-observer").resolve("jib");
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the deploy cache " + dir, e);
        }
    }

    @Override
    public BinaryReport inspect(Path binary) throws IOException {
        return inspector.inspect(binary);
    }

    /** Where a deploy is, for the failure message: the step and what the account looks like at that point. */
    private static final class Position {
        DeployStep step = DeployStep.CHECK;
        String state = "Nothing was sent to Cloudflare.";

        void at(DeployStep value, String stateIfItFails) {
            step = value;
            state = stateIfItFails;
        }
    }

    @Override
    public DeployResult deploy(DeployRequest request, DeployListener listener, TaskContext task) {
        long started = System.nanoTime();
        StepReporter report = new StepReporter(listener, task);
        Position at = new Position();
        return guarded(report, at, () -> {
            report.started(DeployStep.CHECK, request.binary().getFileName().toString());
            String problem = requestProblem(request);
            if (problem != null) {
                throw new DeployFailedException(DeployStep.CHECK, problem, null);
            }
            BinaryReport binary = inspector.inspect(request.binary());
            if (binary.verdict() == BinaryReport.Verdict.DYNAMIC) {
                // The image is scratch: no dynamic loader, no libraries, so Cloudflare could not start it.
                report.warning(request.binary().getFileName() + " is dynamically linked and needs "
                        + (binary.neededLibraries().isEmpty() ? "a dynamic loader"
                        : String.join(", ", binary.neededLibraries())) + ", which a scratch image does not have.");
            }
            if (binary.verdict() != BinaryReport.Verdict.STATIC) {
                throw new DeployFailedException(DeployStep.CHECK, request.binary().getFileName()
                        + " cannot run on Cloudflare Containers: it is " + binary.reason() + ". Nothing was sent.",
                        null);
            }
            report.finished(DeployStep.CHECK, binary.reason() + ", " + megabytes(binary.size()));

            CloudflareClient client = client();
            String account = accountId();
            // Read-only mode refuses here, before the image is built or any request is sent.
            writes.requireUnlocked(Write.of(account, "Containers", "deploy", request.application()));

            at.at(DeployStep.BUILD, "Nothing was sent to Cloudflare.");
            report.started(DeployStep.BUILD, "scratch image, linux/amd64");
            ImageBuilder builder = new ImageBuilder(cacheDir);
            ContainerImage image = builder.describe(request.binary(), request.application(), request.port());
            String tag = request.tag() == null || request.tag().isBlank() ? image.defaultTag() : request.tag();
            String repository = account + "/" + request.application();
            if (request.imageTar().isPresent()) {
                builder.writeTar(image, repository + ":" + tag, request.imageTar().get(),
                        f -> report.progress(DeployStep.BUILD, f, "writing the OCI tar"), task);
            }
            report.finished(DeployStep.BUILD, "entrypoint " + image.entrypoint() + ", port " + image.port()
                    + ", binary sha256 " + image.sha256().substring(0, 12)
                    + request.imageTar().map(t -> "; OCI tar written to " + t).orElse(""));

            at.at(DeployStep.PUSH, "The application was not changed; blobs that reached the registry are not sent"
                    + " again by the next deploy.");
            report.started(DeployStep.PUSH, repository + ":" + tag);
            ImagePusher pusher = new ImagePusher(builder, () -> client.containers().registries().credentials(account,
                    RegistriesClient.MANAGED_REGISTRY, CREDENTIAL_MINUTES,
                    Set.of(RegistryPermission.PUSH, RegistryPermission.PULL)));
            ImagePusher.PushedImage pushed = writes.run(Write.of(account, "Containers", "push image",
                    repository + ":" + tag), () -> push(pusher, image, repository, tag, report, at),
                    p -> p.reference() + "@" + p.digest());
            report.finished(DeployStep.PUSH, pushed.reference() + " (" + pushed.digest() + ")");

            return applyAndRollOut(request, pushed.reference(), tag.equals(image.defaultTag()), client, account,
                    report, at, started);
        });
    }

    private DeployResult applyAndRollOut(DeployRequest request, String reference, boolean tagFollowsContent,
                                         CloudflareClient client, String account, StepReporter report, Position at,
                                         long started) {
        ApplicationWriter apps = new ApplicationWriter(client, account, writes);
        at.at(DeployStep.APPLICATION, "The image " + reference + " is in the registry; the application "
                + request.application() + " was not changed.");
        Optional<ContainerApplication> existing = apps.find(request.application());
        report.started(DeployStep.APPLICATION, existing.isPresent() ? "modify " + request.application()
                : "create " + request.application());
        List<NameValue> environment = request.environment().isEmpty() ? null : new TreeMap<>(request.environment())
                .entrySet().stream().map(e -> new NameValue(e.getKey(), e.getValue())).toList();
        ContainerConfiguration change = ContainerConfiguration.ofImage(reference).withEnvironmentVariables(environment);
        long deadline = System.nanoTime() + request.convergeTimeout().toNanos();
        InstanceWaiter waiter = new InstanceWaiter(client, account, report);

        if (existing.isEmpty()) {
            ContainerApplication app = apps.create(request.application(), change, request.instances());
            report.finished(DeployStep.APPLICATION, "created " + app.name() + " (version " + app.version() + ", "
                    + request.instances() + " instance" + (request.instances() == 1 ? "" : "s") + ")");
            report.skipped(DeployStep.ROLLOUT, "a new application starts its instances without a rollout");
            at.at(DeployStep.CONVERGE, "The application " + app.name() + " was created with " + reference
                    + "; delete it, or fix the binary and deploy again (that modifies it).");
            converge(waiter, app, reference, Set.of(), deadline, report, request.convergeTimeout());
            return result(apps.get(app.id()), reference, 0, null, started);
        }

        ContainerApplication before = existing.get();
        int previousVersion = before.version() == null ? 0 : before.version();
        Set<String> instancesBefore = waiter.present(before.id());
        if (unchanged(before, change, tagFollowsContent)) {
            report.skipped(DeployStep.APPLICATION, before.name() + " already runs this image and configuration");
            report.skipped(DeployStep.ROLLOUT, "nothing to roll out");
            at.at(DeployStep.CONVERGE, "The application " + before.name() + " was not changed.");
            converge(waiter, before, reference, instancesBefore, deadline, report, request.convergeTimeout());
            return result(apps.get(before.id()), reference, previousVersion, null, started);
        }
        ContainerApplication modified = apps.modify(before, change);
        report.finished(DeployStep.APPLICATION, "modified " + modified.name() + ": version " + previousVersion
                + " → " + modified.version());
        String rolloutId = rollOut(client, account, report, at, modified, change, "Deploy " + reference,
                deadline, request.convergeTimeout(), previousVersion);
        at.at(DeployStep.CONVERGE, "The rollout of " + modified.name() + " completed but not every instance is"
                + " healthy on " + reference + "; watch its instances, or roll back to version " + previousVersion + ".");
        converge(waiter, modified, reference, instancesBefore, deadline, report, request.convergeTimeout());
        return result(apps.get(modified.id()), reference, previousVersion, rolloutId, started);
    }

    /** Starts the rollout and waits for it; returns its id. Throws with the application's state if it fails. */
    private String rollOut(CloudflareClient client, String account, StepReporter report, Position at,
                           ContainerApplication app, ContainerConfiguration target, String description, long deadline,
                           Duration timeout, int previousVersion) {
        at.at(DeployStep.ROLLOUT, "The application " + app.name() + " is at version " + app.version()
                + " but its instances still run version " + previousVersion + "; deploy again or roll back.");
        report.started(DeployStep.ROLLOUT, "rolling, " + RolloutWaiter.STEP_PERCENTAGES.stream()
                .map(p -> p + "%").reduce((a, b) -> a + " then " + b).orElse(""));
        RolloutWaiter rollouts = new RolloutWaiter(client, account, writes, report);
        Rollout rollout = rollouts.await(app.id(), rollouts.start(app, target, description), deadline);
        if (rollout.status() == RolloutStatus.COMPLETED) {
            report.finished(DeployStep.ROLLOUT, "rollout " + rollout.id() + " completed");
            return rollout.id();
        }
        if (rollout.status() == RolloutStatus.REVERTED) {
            throw new DeployFailedException(DeployStep.ROLLOUT, "The rollout to " + target.image() + " was reverted: "
                    + RolloutWaiter.revertReason(rollout) + ". The instances of " + app.name() + " run version "
                    + previousVersion + " again, but the application's configuration (version " + app.version()
                    + ") names the new image: fix the binary and deploy again, or roll back.", null);
        }
        if (rollout.status() == RolloutStatus.REPLACED) {
            throw new DeployFailedException(DeployStep.ROLLOUT, "Another rollout of " + app.name()
                    + " replaced this one before it finished; the application follows that rollout now.", null);
        }
        throw new DeployFailedException(DeployStep.ROLLOUT, "The rollout of " + app.name() + " did not finish within "
                + human(timeout) + " (" + RolloutWaiter.describe(rollout) + "). It goes on in Cloudflare: watch the"
                + " application's instances, or roll back.", null);
    }

    private static void converge(InstanceWaiter waiter, ContainerApplication app, String image, Set<String> before,
                                 long deadline, StepReporter report, Duration timeout) {
        int desired = app.instances() == null ? 0 : app.instances();
        if (desired == 0) {
            report.skipped(DeployStep.CONVERGE, app.name() + " runs no instances by itself (instances = 0)");
            return;
        }
        report.started(DeployStep.CONVERGE, desired + " instance" + (desired == 1 ? "" : "s") + " on " + image);
        InstanceWaiter.Outcome outcome = waiter.await(app.id(), image, desired, before, deadline);
        if (outcome.converged()) {
            report.finished(DeployStep.CONVERGE, desired + " of " + desired + " instances healthy");
            return;
        }
        String seen = InstanceWaiter.states(outcome.last());
        String why = outcome.failed().map(i -> "Instance " + i.id() + " failed on the new image"
                        + (i.status() != null && i.status().exitCode() != null ? " (exit code "
                        + i.status().exitCode() + ")" : "") + ".")
                .orElse("Not every instance was healthy on the new image within " + human(timeout) + ".");
        throw new DeployFailedException(DeployStep.CONVERGE, why + " Instances now: " + seen + ".", null);
    }

    @Override
    public DeployResult rollback(String applicationName, DeployListener listener, TaskContext task) {
        long started = System.nanoTime();
        StepReporter report = new StepReporter(listener, task);
        Position at = new Position();
        at.at(DeployStep.APPLICATION, "The application " + applicationName + " was not changed.");
        return guarded(report, at, () -> {
            CloudflareClient client = client();
            String account = accountId();
            writes.requireUnlocked(Write.of(account, "Containers", "roll back", applicationName));
            ApplicationWriter apps = new ApplicationWriter(client, account, writes);
            ContainerApplication app = apps.find(applicationName).orElseThrow(() -> new DeployFailedException(
                    DeployStep.APPLICATION, "There is no application named " + applicationName + ".", null));
            int current = app.version() == null ? 0 : app.version();
            ApplicationVersion previous = client.containers().applications().versions(account, app.id()).stream()
                    .filter(v -> v.version() < current && v.configuration() != null
                            && v.configuration().image() != null && !v.configuration().equals(app.configuration()))
                    .max(Comparator.comparingInt(ApplicationVersion::version))
                    .orElseThrow(() -> new DeployFailedException(DeployStep.APPLICATION, applicationName
                            + " has no earlier version to roll back to (it is at version " + current + ").", null));
            String image = previous.configuration().image();
            for (DeployStep skipped : List.of(DeployStep.CHECK, DeployStep.BUILD, DeployStep.PUSH)) {
                report.skipped(skipped, "a rollback reuses the image of version " + previous.version());
            }
            report.started(DeployStep.APPLICATION, "back to version " + previous.version() + " (" + image + ")");
            Set<String> instancesBefore = new InstanceWaiter(client, account, report).present(app.id());
            ContainerApplication modified = apps.modify(app, previous.configuration());
            report.finished(DeployStep.APPLICATION, "configuration of version " + previous.version()
                    + " restored as version " + modified.version());
            Duration timeout = DeployRequest.DEFAULT_CONVERGE_TIMEOUT;
            long deadline = System.nanoTime() + timeout.toNanos();
            String rolloutId = rollOut(client, account, report, at, modified, previous.configuration(),
                    "Roll back to version " + previous.version(), deadline, timeout, current);
            at.at(DeployStep.CONVERGE, "The rollback rollout of " + applicationName + " completed but not every"
                    + " instance is healthy on " + image + "; watch its instances.");
            converge(new InstanceWaiter(client, account, report), modified, image, instancesBefore, deadline, report,
                    timeout);
            return result(apps.get(app.id()), image, current, rolloutId, started);
        });
    }

    /** The work of a deploy or rollback. */
    private interface Work {
        DeployResult run() throws Exception;
    }

    /**
     * Runs {@code work}, and on failure tells the listener which step failed and why, once. Anything that is not
     * already a {@link DeployFailedException} (an API error, an I/O error) becomes one whose message adds the state
     * the application is in. Read-only refusals and cancels keep their own type.
     */
    private static DeployResult guarded(StepReporter report, Position at, Work work) {
        try {
            return work.run();
        } catch (DeployFailedException e) {
            report.failed(e.step(), e.getMessage());
            throw e;
        } catch (ReadOnlyException e) {
            report.failed(at.step, e.getMessage());
            throw e;
        } catch (CancellationException e) {
            report.failed(at.step, "Cancelled. " + at.state);
            throw e;
        } catch (Exception e) {
            String message = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ". "
                    + at.state;
            report.failed(at.step, message);
            throw new DeployFailedException(at.step, message, e);
        }
    }

    private static ImagePusher.PushedImage push(ImagePusher pusher, ContainerImage image, String repository,
                                                String tag, StepReporter report, Position at) {
        try {
            return pusher.push(image, repository, tag, f -> report.progress(DeployStep.PUSH, f,
                    "uploading " + megabytes(image.binary().toFile().length())), report.task());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DeployFailedException(DeployStep.PUSH, "The push failed: " + ImagePusher.describe(e) + ". "
                    + at.state, e);
        }
    }

    /** Unchanged when the image reference names the same content and the environment is the same. */
    private static boolean unchanged(ContainerApplication app, ContainerConfiguration change, boolean tagFollowsContent) {
        ContainerConfiguration now = app.configuration();
        if (!tagFollowsContent || now == null || !change.image().equals(now.image())) {
            return false;
        }
        return change.environmentVariables() == null || Set.copyOf(change.environmentVariables())
                .equals(now.environmentVariables() == null ? Set.of() : new HashSet<>(now.environmentVariables()));
    }

    /** What is wrong with the request itself, or null. */
    static String requestProblem(DeployRequest r) {
        if (r.application() == null || !NAME.matcher(r.application()).matches()) {
            return "The application name '" + r.application() + "' is not valid: use lower-case letters, digits,"
                    + " '-', '_' or '.', starting and ending with a letter or digit (at most 63 characters).";
        }
        if (r.port() < 1 || r.port() > 65535) {
            return "The port must be between 1 and 65535; was " + r.port() + ".";
        }
        if (r.instances() < 1) {
            return "Run at least one instance; was " + r.instances() + ".";
        }
        if (r.tag() != null && !r.tag().isBlank() && !TAG.matcher(r.tag()).matches()) {
            return "The tag '" + r.tag() + "' is not valid: letters, digits, '_', '.' or '-', at most 128.";
        }
        for (Map.Entry<String, String> e : r.environment().entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                return "'" + e.getKey() + "' is not a valid environment variable name.";
            }
        }
        if (r.convergeTimeout() == null || r.convergeTimeout().isNegative() || r.convergeTimeout().isZero()) {
            return "The timeout must be positive.";
        }
        return null;
    }

    private static DeployResult result(ContainerApplication app, String image, int previousVersion, String rolloutId,
                                       long startedNanos) {
        return new DeployResult(app.id(), app.name(), image, app.version() == null ? 0 : app.version(),
                previousVersion, rolloutId, Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private CloudflareClient client() {
        return connection.client().orElseThrow(() -> new IllegalStateException("Not connected to Cloudflare"));
    }

    private String accountId() {
        return connection.currentAccount().map(Account::id)
                .orElseThrow(() -> new IllegalStateException("No account is selected"));
    }
}
