package dev.flareobserver.orchestration.provision;

import java.util.Objects;

/**
 * One line of a plan.
 *
 * @param existing    the live resource it matches (KEEP, and DRIFT when one was found), else null
 * @param writeBackId the id apply writes into the config for a KEEP item whose entry lacks it, else null
 * @param sharedWith  for a second binding of a resource another item creates (e.g. a queue's producer and
 *                    consumer): that item's binding description; apply creates the resource once
 */
public record PlanItem(PlanAction action, DesiredBinding desired, LiveResource existing, String writeBackId,
                       String sharedWith, String reason) {

    public PlanItem {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(reason, "reason");
    }

    public ResourceKind kind() {
        return desired.kind();
    }

    /** True when apply has something to do for this item: create, or write an id into the config. */
    public boolean changes() {
        return (action == PlanAction.CREATE && sharedWith == null) || writeBackId != null
                || (action == PlanAction.CREATE && needsWriteBack());
    }

    /** Whether the config entry gets its id field filled in once the resource exists. */
    public boolean needsWriteBack() {
        return switch (desired.kind()) {
            case KV_NAMESPACE, D1_DATABASE -> desired.id() == null;
            case R2_BUCKET -> !desired.nameFromConfig();
            case QUEUE -> false;
        };
    }

    /** "CREATE KV namespace CACHE (my-worker-cache): ..." */
    public String summary() {
        return action + " " + desired.describe() + " (" + desired.name() + "): " + reason;
    }
}
