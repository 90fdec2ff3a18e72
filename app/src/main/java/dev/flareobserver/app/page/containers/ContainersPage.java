package dev.flareobserver.app.page.containers;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.ContainersMonitor;
import dev.flareobserver.orchestration.monitor.MonitorOptions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Dialog;

/**
 * Containers: applications, the instance grid, pools, instance detail and actions, and the deploy wizard. Polls
 * only while shown, at the settings' Containers interval.
 */
public final class ContainersPage implements Page {

    private final ResourcePageContext context;
    private final ContainersViewModel vm;
    private final ZoneId zone;
    private ContainersView view;
    private Node node;
    private Dialog<Void> wizard;
    private DeployWizardViewModel wizardModel;

    public ContainersPage(ResourcePageContext context, MonitorOptions options, Clock clock, ZoneId zone) {
        this.context = Objects.requireNonNull(context);
        this.zone = zone;
        this.vm = new ContainersViewModel(() -> context.resources().containers(),
                service -> new ContainersMonitor(service.connection(), service, options),
                (worker, id, lines) -> context.resources().instanceOutput(worker, id, lines),
                context.tasks(), context.fx(), context.writeLock().unlockedProperty(), clock);
        context.session().addListener((obs, old, now) -> {
            String before = old == null || old.connection().current() == null ? null : old.connection().current().id();
            String after = now == null || now.connection().current() == null ? null : now.connection().current().id();
            if (!Objects.equals(before, after)) {
                vm.sessionChanged();
            }
        });
    }

    @Override
    public PageId id() {
        return PageId.CONTAINERS;
    }

    @Override
    public Node view() {
        if (node == null) {
            view = new ContainersView(vm, this::openDeploy, zone);
            node = view.build();
        }
        return node;
    }

    @Override
    public void onShow() {
        vm.onShow();
        if (view != null) {
            view.startTicking();
        }
    }

    @Override
    public void onHide() {
        vm.onHide();
        if (view != null) {
            view.stopTicking();
        }
    }

    @Override
    public void dispose() {
        vm.dispose();
        if (view != null) {
            view.stopTicking();
        }
    }

    private void openDeploy() {
        if (wizard != null && wizard.isShowing()) {
            wizard.getDialogPane().getScene().getWindow().requestFocus();
            return;
        }
        if (wizardModel == null || !wizardModel.runningProperty().get()) {
            wizardModel = new DeployWizardViewModel(() -> context.resources().deployer(), context.tasks(),
                    context.fx(), context.writeLock().unlockedProperty(),
                    () -> vm.applications().stream().map(ApplicationRow::name).toList());
            wizardModel.resultProperty().addListener((obs, old, now) -> vm.refresh());
        }
        wizard = new DeployWizardView(wizardModel, context.files()).dialog(node.getScene().getWindow());
        wizard.show();
    }

    /** The page's view model, for tests and benchmarks. */
    public ContainersViewModel viewModel() {
        return vm;
    }

    /** The open deploy wizard's view model (null before the first open), for UI tests. */
    public DeployWizardViewModel deployWizard() {
        return wizardModel;
    }

    /** The instance grid, for UI tests: its tiles are drawn on a canvas, not nodes. */
    public InstanceGridProbe grid() {
        return new InstanceGridProbe(view.grid());
    }
}
