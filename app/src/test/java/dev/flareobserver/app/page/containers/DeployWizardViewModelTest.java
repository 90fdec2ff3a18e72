package dev.flareobserver.app.page.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.orchestration.deploy.BinaryReport;
import dev.flareobserver.orchestration.deploy.ContainerDeployer;
import dev.flareobserver.orchestration.deploy.DeployFailedException;
import dev.flareobserver.orchestration.deploy.DeployListener;
import dev.flareobserver.orchestration.deploy.DeployRequest;
import dev.flareobserver.orchestration.deploy.DeployResult;
import dev.flareobserver.orchestration.deploy.DeployStep;
import dev.flareobserver.orchestration.task.TaskContext;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

/**
 * The deploy wizard's model without a toolkit, on a scripted {@link ContainerDeployer} (the real one is driven
 * end to end in ContainersUiTest): checks before anything is sent, step rows following the listener, and rollback
 * offered after a failure.
 */
class DeployWizardViewModelTest {

    private final SimpleBooleanProperty writable = new SimpleBooleanProperty(true);
    private final Scripted deployer = new Scripted();
    private final DeployWizardViewModel vm = new DeployWizardViewModel(() -> Optional.of(deployer),
            TaskRunner.sameThread(), Runnable::run, writable, () -> List.of("hello-pool"));

    /** Reports what the test says, records every request. */
    private static final class Scripted implements ContainerDeployer {
        BinaryReport report;
        final List<DeployRequest> deploys = new ArrayList<>();
        final List<String> rollbacks = new ArrayList<>();
        DeployStep failAt;

        @Override
        public BinaryReport inspect(Path binary) {
            return report;
        }

        @Override
        public DeployResult deploy(DeployRequest request, DeployListener listener, TaskContext task) {
            deploys.add(request);
            for (DeployStep step : DeployStep.values()) {
                listener.started(step, "doing " + step);
                if (step == failAt) {
                    listener.failed(step, "instance exited with code 3");
                    throw new DeployFailedException(step, "The rollout failed: instance exited with code 3", null);
                }
                listener.progress(step, 0.5, "half of " + step);
                listener.finished(step, "did " + step);
            }
            return new DeployResult("app-id", request.application(), "registry/acct/" + request.application() + ":t",
                    2, 1, "rollout-1", Duration.ofMillis(1500));
        }

        @Override
        public DeployResult rollback(String applicationName, DeployListener listener, TaskContext task) {
            rollbacks.add(applicationName);
            return new DeployResult("app-id", applicationName, "registry/acct/old:t", 1, 2, "rollout-2",
                    Duration.ofMillis(900));
        }
    }

    private void choose(BinaryReport.Verdict verdict, String reason, List<String> libraries) {
        deployer.report = new BinaryReport(Path.of("/tmp/my-server"), 10_000_000, verdict, reason, libraries);
        vm.chooseBinary(Path.of("/tmp/my-server"));
    }

    @Test
    void aRefusedBinaryShowsItsReasonAndCannotBeDeployed() {
        choose(BinaryReport.Verdict.REFUSED, "an ARM (aarch64) executable; Cloudflare runs linux/amd64 only",
                List.of());

        assertThat(vm.verdictProperty().get()).isEqualTo(
                "Refused: an ARM (aarch64) executable; Cloudflare runs linux/amd64 only");
        vm.deploy();
        assertThat(vm.messageProperty().get()).startsWith("This file cannot be deployed: an ARM");
        assertThat(deployer.deploys).isEmpty();
    }

    @Test
    void aDynamicBinaryIsWarnedAboutWithItsLibrariesBeforeAnythingIsSent() {
        choose(BinaryReport.Verdict.DYNAMIC, null, List.of("libc.so.6", "libssl.so.3"));

        assertThat(vm.verdictProperty().get()).startsWith("Warning: dynamically linked")
                .contains("libc.so.6, libssl.so.3");
        assertThat(deployer.deploys).isEmpty();
        assertThat(vm.applicationProperty().get()).as("the file name is offered as the name").isEqualTo("my-server");
    }

    @Test
    void badFieldsAreNamedAndNothingIsSent() {
        choose(BinaryReport.Verdict.STATIC, null, List.of());

        vm.applicationProperty().set("My App");
        vm.deploy();
        assertThat(vm.messageProperty().get()).startsWith("The application name becomes the image name");
        vm.applicationProperty().set("my-app");
        vm.portProperty().set("80000");
        vm.deploy();
        assertThat(vm.messageProperty().get()).isEqualTo("Port must be a whole number from 1 to 65535.");
        vm.portProperty().set("8080");
        vm.environmentProperty().set("GREETING=hi\n1BAD=x");
        vm.deploy();
        assertThat(vm.messageProperty().get()).startsWith("Environment line 2 is not NAME=value");
        assertThat(vm.messageIsErrorProperty().get()).isTrue();

        assertThat(deployer.deploys).isEmpty();
    }

    @Test
    void aDeployFillsEveryStepRowAndSendsTheFormAsTyped() {
        choose(BinaryReport.Verdict.STATIC, null, List.of());
        vm.applicationProperty().set("my-app");
        vm.portProperty().set("9090");
        vm.environmentProperty().set("GREETING=hello = world\n\nMODE=demo");
        vm.instancesProperty().set("3");

        vm.deploy();

        assertThat(deployer.deploys).singleElement().satisfies(r -> {
            assertThat(r.application()).isEqualTo("my-app");
            assertThat(r.port()).isEqualTo(9090);
            assertThat(r.instances()).isEqualTo(3);
            assertThat(r.environment()).containsEntry("GREETING", "hello = world").containsEntry("MODE", "demo");
        });
        assertThat(vm.steps()).allSatisfy(row -> {
            assertThat(row.stateProperty().get()).isEqualTo(DeployWizardViewModel.StepState.DONE);
            assertThat(row.detailProperty().get()).startsWith("did ");
        });
        assertThat(vm.messageProperty().get()).startsWith("Done: my-app runs registry/acct/my-app:t (version 2)");
        assertThat(vm.canRollbackProperty().get()).isFalse();
    }

    @Test
    void aFailedRolloutMarksItsStepAndOffersRollback() {
        choose(BinaryReport.Verdict.STATIC, null, List.of());
        vm.applicationProperty().set("my-app");
        deployer.failAt = DeployStep.CONVERGE;

        vm.deploy();

        assertThat(vm.steps().get(DeployStep.CONVERGE.ordinal()).stateProperty().get())
                .isEqualTo(DeployWizardViewModel.StepState.FAILED);
        assertThat(vm.steps().get(DeployStep.CONVERGE.ordinal()).detailProperty().get())
                .isEqualTo("instance exited with code 3");
        assertThat(vm.messageProperty().get()).startsWith("The deploy failed: The rollout failed")
                .endsWith("Roll back to restore the previous version.");
        assertThat(vm.canRollbackProperty().get()).isTrue();

        vm.rollback();
        assertThat(deployer.rollbacks).containsExactly("my-app");
        assertThat(vm.messageProperty().get()).startsWith("Done: my-app runs registry/acct/old:t (version 1)");
    }

    @Test
    void readOnlyRefusesTheDeployBeforeAnyRequest() {
        choose(BinaryReport.Verdict.STATIC, null, List.of());
        vm.applicationProperty().set("my-app");
        writable.set(false);

        vm.deploy();

        assertThat(vm.messageProperty().get()).contains("writes are locked");
        assertThat(deployer.deploys).isEmpty();
    }
}
