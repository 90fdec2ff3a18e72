package dev.flareobserver.app.page.workers;

import static dev.flareobserver.app.page.workers.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.chart.ChartMarker;
import dev.flareobserver.app.chart.ChartSeries;
import dev.flareobserver.orchestration.monitor.DeploymentMarker;
import dev.flareobserver.orchestration.monitor.RollbackPlan;
import dev.flareobserver.orchestration.monitor.SeriesPoint;
import dev.flareobserver.orchestration.monitor.Staleness;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import dev.flareobserver.orchestration.monitor.VersionInfo;
import dev.flareobserver.orchestration.monitor.VersionShare;
import dev.flareobserver.orchestration.monitor.WorkerDetailSnapshot;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerDetailViewModelTest {

    private static final VersionInfo V1 = new VersionInfo("ver-1", 1, "ana@example.com",
            NOW.minus(Duration.ofDays(3)), "First release", "wrangler");
    private static final VersionInfo V2 = new VersionInfo("ver-2", 2, "bo@example.com",
            NOW.minus(Duration.ofHours(3)), "Switch to new pricing engine", "wrangler");

    private final List<String> calls = new ArrayList<>();
    private RuntimeException rollbackFailure;
    private final WorkerActions actions = new WorkerActions() {
        @Override
        public RollbackPlan planRollback(String scriptName, String versionId) {
            calls.add("plan " + scriptName + " " + versionId);
            return new RollbackPlan(scriptName, List.of(new VersionShare("ver-2", 2, 100)), V1,
                    "Deploys v1 (First release) to 100 % of checkout-api's traffic, replacing v2 (100 %).");
        }

        @Override
        public DeploymentMarker rollback(RollbackPlan plan, String typed, String message) {
            calls.add("rollback " + plan.target().id() + " typed=" + typed + " message=" + message);
            if (rollbackFailure != null) {
                throw rollbackFailure;
            }
            return new DeploymentMarker("dep-9", NOW, "you", message, List.of(new VersionShare("ver-1", 1, 100)),
                    null, null, null, null);
        }
    };

    private WorkerDetailViewModel vm() {
        return new WorkerDetailViewModel("checkout-api", Optional.empty(), actions, TaskRunner.sameThread(),
                Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static WorkerDetailSnapshot snapshot() {
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = 96; i > 0; i--) {
            Instant t = NOW.minus(Duration.ofMinutes(15L * i));
            boolean after = i <= 12;
            series.add(new SeriesPoint(t, Map.of("success", 900L, "scriptThrewException", 9L), 9,
                    2.0, after ? 36.0 : 12.0, 20.0, 80.0, 450));
        }
        DeploymentMarker d1 = new DeploymentMarker("dep-1", NOW.minus(Duration.ofDays(3)), "ana@example.com",
                "First release", List.of(new VersionShare("ver-1", 1, 100)), null, 0.01, null, 12.0);
        DeploymentMarker d2 = new DeploymentMarker("dep-2", NOW.minus(Duration.ofHours(3)), "bo@example.com",
                "Switch to new pricing engine", List.of(new VersionShare("ver-2", 2, 100)), 0.0099, 0.0099, 12.0, 36.0);
        return new WorkerDetailSnapshot("checkout-api", TimeWindow.H24, NOW, series, List.of(d1, d2), List.of(V1, V2),
                "ver-2", Staleness.fresh(NOW), null);
    }

    @Test
    void chartsAreInPerMinuteAndMillisecondsWithAMarkerPerDeploymentInTheWindow() {
        WorkerDetailViewModel vm = vm();
        vm.applySnapshot(snapshot());

        WorkerDetailViewModel.Charts c = vm.chartsProperty().get();
        assertThat(c.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(c.requests()).extracting(ChartSeries::name).containsExactly("Success", "Script threw exception");
        // 900 requests in a 15-minute bucket are 60 req/min.
        assertThat(c.requests().get(0).points().get(0).value()).isEqualTo(60.0);
        assertThat(c.requests().get(0).unit()).isEqualTo("req/min");
        assertThat(c.cpu()).extracting(ChartSeries::unit).containsOnly("ms");
        assertThat(c.markers()).extracting(ChartMarker::flag).containsExactly("v1", "v2");
        ChartMarker regression = c.markers().get(1);
        assertThat(regression.details()).contains("Switch to new pricing engine").contains("bo@example.com")
                .contains("CPU p99: 12 ms → 36 ms").contains("Error rate: 1.0 % → 1.0 %");
        assertThat(c.markers().get(0).details()).contains("Error rate: — → 1.0 %");
    }

    @Test
    void deploymentsAndVersionsAreListedNewestFirstWithTheActiveOneMarked() {
        WorkerDetailViewModel vm = vm();
        vm.applySnapshot(snapshot());

        assertThat(vm.deployments()).extracting(WorkerDetailViewModel.DeploymentRow::id).containsExactly("dep-2", "dep-1");
        assertThat(vm.deployments().get(0).when()).startsWith("3 h ago");
        assertThat(vm.deployments().get(0).cpuChange()).isEqualTo("12 ms → 36 ms");
        assertThat(vm.versions()).extracting(WorkerDetailViewModel.VersionRow::label).containsExactly("v2", "v1");
        assertThat(vm.versions().get(0).active()).isTrue();
        assertThat(vm.activeVersionProperty().get()).isEqualTo("v2 · Switch to new pricing engine");
    }

    @Test
    void rollbackNeedsAnInactiveVersionThenTheExactNameTypedBeforeAnythingIsSent() {
        WorkerDetailViewModel vm = vm();
        vm.applySnapshot(snapshot());
        assertThat(vm.rollbackEnabledProperty().get()).isFalse();
        vm.selectedVersionProperty().set(vm.versions().get(0));
        assertThat(vm.rollbackEnabledProperty().get()).as("the active version").isFalse();
        vm.selectedVersionProperty().set(vm.versions().get(1));
        assertThat(vm.rollbackEnabledProperty().get()).isTrue();

        vm.requestRollback();
        RollbackDialogModel dialog = vm.rollbackDialogProperty().get();
        assertThat(dialog).isNotNull();
        assertThat(dialog.summary()).contains("Deploys v1");
        assertThat(dialog.title()).isEqualTo("Roll back checkout-api to v1?");
        assertThat(dialog.confirmEnabledProperty().get()).isFalse();

        dialog.typedProperty().set("checkout");
        assertThat(dialog.confirmEnabledProperty().get()).isFalse();
        vm.confirmRollback();
        assertThat(calls).containsExactly("plan checkout-api ver-1");

        dialog.typedProperty().set("Checkout-api");
        assertThat(dialog.confirmEnabledProperty().get()).as("case matters").isFalse();
        dialog.typedProperty().set("checkout-api");
        assertThat(dialog.confirmEnabledProperty().get()).isTrue();

        vm.confirmRollback();
        assertThat(calls).last().asString().startsWith("rollback ver-1 typed=checkout-api message=Rollback to v1");
        assertThat(vm.rollbackDialogProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).isEqualTo("Rolled back to v1 · deployment dep-9");
    }

    @Test
    void aFailedRollbackKeepsTheDialogOpenWithTheReason() {
        WorkerDetailViewModel vm = vm();
        vm.applySnapshot(snapshot());
        vm.selectedVersionProperty().set(vm.versions().get(1));
        vm.requestRollback();
        RollbackDialogModel dialog = vm.rollbackDialogProperty().get();
        dialog.typedProperty().set("checkout-api");
        rollbackFailure = new IllegalStateException("Cloudflare refused the deployment (403)");

        vm.confirmRollback();

        assertThat(vm.rollbackDialogProperty().get()).isSameAs(dialog);
        assertThat(dialog.errorProperty().get()).contains("Cloudflare refused the deployment (403)");
        assertThat(dialog.confirmEnabledProperty().get()).isTrue();
        vm.cancelRollback();
        assertThat(vm.rollbackDialogProperty().get()).isNull();
    }

    @Test
    void theSelectedVersionSurvivesARefresh() {
        WorkerDetailViewModel vm = vm();
        vm.applySnapshot(snapshot());
        vm.selectedVersionProperty().set(vm.versions().get(1));
        WorkerDetailSnapshot s = snapshot();
        vm.applySnapshot(new WorkerDetailSnapshot(s.scriptName(), s.window(), NOW.plusSeconds(30), s.series(),
                s.deployments(), s.versions(), s.activeVersionId(), Staleness.fresh(NOW.plusSeconds(30)), null));
        assertThat(vm.selectedVersionProperty().get().id()).isEqualTo("ver-1");
    }

    @Test
    void tailAndBackAreCommandsTheAppWires() {
        WorkerDetailViewModel vm = vm();
        List<String> went = new ArrayList<>();
        vm.setOnTail(() -> went.add("logs"));
        vm.setOnBack(() -> went.add("back"));
        vm.tail();
        vm.back();
        assertThat(went).containsExactly("logs", "back");
    }
}
