package dev.flareobserver.app.page.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import dev.flareobserver.orchestration.connection.AccountConnection;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.ContainersMonitor;
import dev.flareobserver.orchestration.containers.ContainersService;
import dev.flareobserver.orchestration.containers.ContainersSnapshot;
import dev.flareobserver.orchestration.containers.InstanceOutput;
import dev.flareobserver.orchestration.containers.InstanceRow;
import dev.flareobserver.orchestration.logtail.LogTailOptions;
import dev.flareobserver.orchestration.logtail.LogTailService;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import dev.flareobserver.orchestration.monitor.MonitorProblem;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Containers page's view model without a toolkit, against an in-memory emulator's demo pool (hello-pool).
 * "UI thread" work is queued and run on the test thread, so nothing here races the monitor's thread.
 */
class ContainersViewModelTest {

    private static Emulator emulator;
    private static AccountConnection connection;
    private static WriteAccess access;
    private static AuditTrail audit;
    private static ContainersService service;
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final SimpleBooleanProperty writable = new SimpleBooleanProperty(true);
    private ContainersViewModel vm;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        connection = new AccountConnection(ConnectionSettings.demo(emulator.baseUrl(), emulator.userToken()));
        connection.connect();
        access = WriteAccess.unlocked();
        audit = AuditTrail.inMemory();
        service = new ContainersService(connection, new ResourceWrites(access, audit, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void page() {
        access.unlock();
        writable.set(true);
        MonitorOptions options = MonitorOptions.defaults().withInterval(Duration.ofMillis(300));
        vm = new ContainersViewModel(() -> Optional.of(service), s -> new ContainersMonitor(connection, s, options),
                (worker, id, lines) -> Optional.empty(), TaskRunner.sameThread(), ui::add, writable,
                Clock.systemUTC());
        vm.onShow();
    }

    @AfterEach
    void hide() {
        vm.dispose();
    }

    /** Runs queued UI work until {@code done} holds. */
    private void until(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            Runnable next = ui.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("Timed out waiting until " + what + "; status: " + vm.statusTextProperty().get());
            }
            next.run();
        }
    }

    private ApplicationRow helloPool() {
        return vm.applications().stream().filter(a -> a.name().equals("hello-pool")).findFirst().orElseThrow();
    }

    private InstanceRow runningMember() throws InterruptedException {
        until("hello-pool has a running instance", () -> vm.applications().stream()
                .anyMatch(a -> a.name().equals("hello-pool")
                        && a.instances().stream().anyMatch(i -> i.state() == InstanceState.RUNNING)));
        return helloPool().instances().stream().filter(i -> i.state() == InstanceState.RUNNING).findFirst()
                .orElseThrow();
    }

    @Test
    void theDemoPoolIsShownWithItsInstancesAndPoolCountsAndMetricsAreNeverFakedAsZero() throws Exception {
        InstanceRow member = runningMember();

        ApplicationRow app = helloPool();
        assertThat(app.pool()).isNotNull();
        assertThat(app.pool().targetInstances()).isEqualTo(3);
        assertThat(ContainersView.shortImage(app.image())).isEqualTo("flare-hello:demo");
        assertThat(member.location()).isNotBlank();
        assertThat(member.poolStatus()).isIn("ready", "allocated", "starting");
        assertThat(vm.gridProperty().get()).extracting(InstanceRow::id).contains(member.id());
        assertThat(vm.statusProperty().get()).isEqualTo(ContainersViewModel.Status.FRESH);
        ContainersSnapshot s = vm.snapshotProperty().get();
        if (s.metricsProblem() != null) {
            assertThat(ContainersFormats.cpu(member.metrics())).isEqualTo("unknown");
            assertThat(vm.statusTextProperty().get()).contains("CPU and memory are unknown");
        } else {
            // A member started a moment ago may not have been sampled yet: then it reads "unknown", never 0 %.
            if (!member.metrics().known()) {
                assertThat(ContainersFormats.cpu(member.metrics())).isEqualTo("unknown");
            }
            until("the member's CPU and memory are sampled", () -> vm.gridProperty().get().stream()
                    .anyMatch(i -> i.id().equals(member.id()) && i.metrics().known()));
        }

        vm.selectedApplicationIdProperty().set(app.id());
        until("the pool history has two samples", () -> vm.selectedApplicationProperty().get() != null
                && vm.selectedApplicationProperty().get().poolHistory().size() >= 2);
        assertThat(vm.selectedApplicationProperty().get().poolHistory().get(0).target()).isEqualTo(3);
    }

    @Test
    void stoppingAnInstanceChangesItsTileAndIsAudited() throws Exception {
        InstanceRow member = runningMember();
        vm.selectedInstanceIdProperty().set(member.id());

        vm.stop(member);
        until("the instance is no longer running", () -> vm.gridProperty().get().stream()
                .noneMatch(i -> i.id().equals(member.id()) && i.state() == InstanceState.RUNNING));

        assertThat(vm.messageIsErrorProperty().get()).isFalse();
        assertThat(audit.entries()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("stop instance");
            assertThat(e.succeeded()).isTrue();
        });
    }

    @Test
    void readOnlyModeBlocksEveryActionBeforeAnyRequest() throws Exception {
        InstanceRow member = runningMember();
        access.lock();
        int audited = audit.entries().size();

        vm.stop(member);
        drain();
        assertThat(vm.messageProperty().get()).contains("writes are locked");
        vm.fetch(member, "/");
        drain();
        assertThat(vm.fetchResultProperty().get()).isEmpty();
        vm.delete(member, member.confirmationName());
        drain();

        assertThat(audit.entries()).hasSize(audited);
        access.unlock();
        vm.refresh();
        until("a refresh after the refusals", () -> vm.snapshotProperty().get().takenAt() != null
                && vm.snapshotProperty().get().takenAt().isAfter(Instant.now().minusSeconds(1)));
        assertThat(vm.gridProperty().get()).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo(member.id());
            assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
        });
    }

    @Test
    void aDeleteWithTheWrongNameAndAFetchOfABadPathSendNothing() throws Exception {
        InstanceRow member = runningMember();
        int audited = audit.entries().size();

        vm.delete(member, "not-" + member.confirmationName());
        drain();
        assertThat(vm.messageProperty().get()).contains(member.confirmationName());
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        vm.fetch(member, "health");
        drain();
        assertThat(vm.messageProperty().get()).contains("starts with /");

        assertThat(audit.entries()).hasSize(audited);
    }

    @Test
    void fetchShowsTheInstancesAnswerWithStatusHeadersAndBody() throws Exception {
        InstanceRow member = runningMember();

        vm.fetch(member, "/");
        drain();

        assertThat(vm.fetchResultProperty().get()).startsWith("HTTP 200").contains("Hello from the Flare Observer");
    }

    @Test
    void theDetailsLiveOutputTailsTheOwningWorkerAndDeletesItsTailWhenClosed(@TempDir Path state) throws Exception {
        vm.dispose();
        MonitorOptions options = MonitorOptions.defaults().withInterval(Duration.ofMillis(300));
        vm = new ContainersViewModel(() -> Optional.of(service), s -> new ContainersMonitor(connection, s, options),
                (worker, id, lines) -> Optional.of(new InstanceOutput(new LogTailService(connection,
                        state.resolve("tails.json")).open(LogTailOptions.defaults()), worker, id, lines)),
                TaskRunner.sameThread(), ui::add, writable, Clock.systemUTC());
        vm.onShow();
        InstanceRow member = runningMember();
        String account = service.connection().currentAccount().orElseThrow().id();
        var tails = connection.client().orElseThrow().workers().tails();

        vm.selectedInstanceIdProperty().set(member.id());
        assertThat(vm.outputStatusProperty().get()).contains("pool-manager");
        until("the tail on pool-manager exists", () -> !tails.list(account, "pool-manager").isEmpty());
        vm.fetch(member, "/");
        until("the instance's line of that request arrives", () -> vm.output().stream()
                .anyMatch(l -> l.contains("GET / -> 200")));

        vm.selectedInstanceIdProperty().set(null);
        assertThat(vm.output()).isEmpty();
        assertThat(tails.list(account, "pool-manager")).as("the detail's tail is deleted when it closes").isEmpty();
    }

    @Test
    void pollsReReadOnlyWhatChangesAndOneMetricsQueryCoversTheAccount() throws Exception {
        runningMember();
        vm.onHide();
        var before = emulator.stats().snapshot();
        int polls = 5;
        for (int i = 0; i < polls; i++) {
            service.read(Instant.now(), true, false);
        }
        var after = emulator.stats().snapshot();
        String apps = "/accounts/{account_id}/containers/applications/{application_id}";

        assertThat(after.count("GET " + apps + "/instances-v2") - before.count("GET " + apps + "/instances-v2"))
                .as("instances are read on every poll").isEqualTo(polls);
        assertThat(after.count("GET " + apps + "/versions") - before.count("GET " + apps + "/versions"))
                .as("versions are not re-read while the application's version stays").isZero();
        assertThat(after.count("POST /graphql") - before.count("POST /graphql"))
                .as("one metrics query per poll for the whole account").isEqualTo(polls);
    }

    @Test
    void failedRefreshesKeepTheLastDataMarkedStaleWithItsAge() throws Exception {
        runningMember();
        vm.onHide();
        ContainersSnapshot last = vm.snapshotProperty().get();
        Instant lastSuccess = Instant.now().minusSeconds(95);

        vm.accept(last.withFailure(new Staleness(true, lastSuccess, "connection refused"),
                new MonitorProblem("Containers", "q", "Containers: Cloudflare cannot be reached.", null)));

        assertThat(vm.statusProperty().get()).isEqualTo(ContainersViewModel.Status.STALE);
        assertThat(vm.statusTextProperty().get()).contains("Stale: last updated 1 min ago")
                .contains("cannot be reached");
        assertThat(vm.applications()).extracting(ApplicationRow::name).contains("hello-pool");
    }

    @Test
    void agesAndSizesReadNaturally() {
        assertThat(ContainersFormats.age(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(ContainersFormats.age(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(ContainersFormats.bytes(3.5 * 1024 * 1024)).isEqualTo("3.5 MiB");
        assertThat(ContainersFormats.resources(0.25, 256, 2000, null)).isEqualTo("0.25 vCPU · 256 MiB · 2 GB disk");
        assertThat(Instant.EPOCH.atOffset(ZoneOffset.UTC).getYear()).isEqualTo(1970);
    }

    private void drain() {
        Runnable next;
        while ((next = ui.poll()) != null) {
            next.run();
        }
    }
}
