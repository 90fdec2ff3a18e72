package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.DeploymentMarker;
import dev.flareobserver.orchestration.monitor.RollbackPlan;
import dev.flareobserver.orchestration.monitor.WorkersService;

/** What the Worker page changes on the account; the app passes the orchestration service, tests a fake. */
public interface WorkerActions {

    RollbackPlan planRollback(String scriptName, String versionId);

    DeploymentMarker rollback(RollbackPlan plan, String typedConfirmation, String message);

    static WorkerActions of(WorkersService service) {
        return new WorkerActions() {
            @Override
            public RollbackPlan planRollback(String scriptName, String versionId) {
                return service.planRollback(scriptName, versionId);
            }

            @Override
            public DeploymentMarker rollback(RollbackPlan plan, String typedConfirmation, String message) {
                return service.rollback(plan, typedConfirmation, message);
            }
        };
    }
}
