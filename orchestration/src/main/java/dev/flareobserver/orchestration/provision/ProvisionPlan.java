package dev.flareobserver.orchestration.provision;

import java.util.List;
import java.util.Objects;

/** What apply would do for a config on an account: one item per binding, in config order. Immutable. */
public record ProvisionPlan(WranglerConfig config, String accountId, List<PlanItem> items) {

    public ProvisionPlan {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(accountId, "accountId");
        items = List.copyOf(items);
    }

    public List<PlanItem> items(PlanAction action) {
        return items.stream().filter(i -> i.action() == action).toList();
    }

    /** The items apply creates a resource for (a shared resource once). */
    public List<PlanItem> creates() {
        return items.stream().filter(i -> i.action() == PlanAction.CREATE && i.sharedWith() == null).toList();
    }

    /** True when apply would change the account or the config, or a person has something to do (drift, manual). */
    public boolean hasChanges() {
        return items.stream().anyMatch(i -> i.changes() || i.action() == PlanAction.DRIFT || i.action() == PlanAction.MANUAL);
    }

    /** True when apply has something to do (drift alone is not applied). */
    public boolean hasWork() {
        return items.stream().anyMatch(PlanItem::changes);
    }

    /** "2 to create, 3 to keep, 1 drifted" (", 1 to do by hand" when there are such items). */
    public String headline() {
        int manual = items(PlanAction.MANUAL).size();
        return creates().size() + " to create, " + items(PlanAction.KEEP).size() + " to keep, "
                + items(PlanAction.DRIFT).size() + " drifted" + (manual == 0 ? "" : ", " + manual + " to do by hand");
    }
}
