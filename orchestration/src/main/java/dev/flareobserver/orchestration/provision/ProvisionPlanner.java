package dev.flareobserver.orchestration.provision;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Desired state (a config) against the live account: one list request (or a few pages) per kind the config
 * uses, never one per resource, then a pure comparison. Names are unique per kind on Cloudflare (KV titles,
 * D1 and queue names, bucket names), so a binding without an id is matched by name: a resource that an
 * earlier, interrupted apply or wrangler's own provisioning created is found and kept, not created twice.
 */
public final class ProvisionPlanner {

    private ProvisionPlanner() {
    }

    public static ProvisionPlan plan(WranglerConfig config, AccountResources account) {
        Objects.requireNonNull(config, "config");
        Map<ResourceKind, List<LiveResource>> live = new EnumMap<>(ResourceKind.class);
        for (DesiredBinding d : config.bindings()) {
            if (d.jurisdiction() == null) {
                live.computeIfAbsent(d.kind(), account::list);
            }
        }
        return plan(config, account.accountId(), live);
    }

    /** The comparison alone, on resources already listed. */
    public static ProvisionPlan plan(WranglerConfig config, String accountId, Map<ResourceKind, List<LiveResource>> live) {
        List<PlanItem> items = new ArrayList<>();
        Map<String, DesiredBinding> creating = new HashMap<>();
        for (DesiredBinding d : config.bindings()) {
            List<LiveResource> ofKind = live.getOrDefault(d.kind(), List.of());
            PlanItem item = item(d, ofKind);
            if (item.action() == PlanAction.CREATE) {
                DesiredBinding first = creating.putIfAbsent(d.kind() + "/" + d.name(), d);
                if (first != null) {
                    item = new PlanItem(PlanAction.CREATE, d, null, null, first.describe(),
                            "created once, with " + first.describe());
                }
            }
            items.add(item);
        }
        return new ProvisionPlan(config, accountId, items);
    }

    private static PlanItem item(DesiredBinding d, List<LiveResource> live) {
        String label = d.kind().label();
        if (d.jurisdiction() != null) {
            // Jurisdiction buckets are listed and created with a cf-r2-jurisdiction header that the reference
            // documents for objects only; rather than guess, the plan leaves them to the operator.
            return new PlanItem(PlanAction.MANUAL, d, null, null, null, "the bucket \"" + d.name()
                    + "\" is in jurisdiction " + d.jurisdiction() + ", which this build cannot check or create; "
                    + "check it with: wrangler r2 bucket list --jurisdiction " + d.jurisdiction()
                    + " (create it with: wrangler r2 bucket create " + d.name() + " --jurisdiction " + d.jurisdiction() + ")");
        }
        Optional<LiveResource> byName = live.stream().filter(r -> r.name().equals(d.name())).findFirst();
        if (d.id() != null) {
            Optional<LiveResource> byId = live.stream().filter(r -> r.id().equals(d.id())).findFirst();
            if (byId.isEmpty()) {
                String hint = byName.map(r -> "; a " + label + " named \"" + r.name() + "\" exists with id " + r.id())
                        .orElse("");
                return new PlanItem(PlanAction.DRIFT, d, byName.orElse(null), null, null,
                        "the configured id " + d.id() + " is not a " + label + " of this account" + hint
                                + ". Nothing is changed: correct the id, or remove it to have one created.");
            }
            LiveResource r = byId.get();
            if (d.kind() == ResourceKind.D1_DATABASE && d.nameFromConfig() && !r.name().equals(d.name())) {
                return new PlanItem(PlanAction.DRIFT, d, r, null, null, "database_id " + d.id() + " is the database \""
                        + r.name() + "\", not \"" + d.name() + "\" as the config says. Nothing is changed.");
            }
            return new PlanItem(PlanAction.KEEP, d, r, null, null, label + " " + r.id()
                    + (d.kind() == ResourceKind.KV_NAMESPACE ? " (\"" + r.name() + "\")" : "") + " exists");
        }
        if (byName.isPresent()) {
            LiveResource r = byName.get();
            PlanItem probe = new PlanItem(PlanAction.KEEP, d, r, null, null, "-");
            String writeBack = probe.needsWriteBack() ? (d.kind() == ResourceKind.R2_BUCKET ? r.name() : r.id()) : null;
            String reason = switch (d.kind()) {
                case KV_NAMESPACE -> "a namespace titled \"" + r.name() + "\" exists (id " + r.id() + ")";
                case D1_DATABASE -> "a database named \"" + r.name() + "\" exists (id " + r.id() + ")";
                case R2_BUCKET -> "the bucket \"" + r.name() + "\" exists";
                case QUEUE -> "the queue \"" + r.name() + "\" exists";
            };
            return new PlanItem(PlanAction.KEEP, d, r, writeBack, null, reason
                    + (writeBack == null ? "" : "; apply writes its " + d.kind().idField() + " into the config"));
        }
        String reason = switch (d.kind()) {
            case KV_NAMESPACE -> "no namespace titled \"" + d.name() + "\" (the title wrangler gives " + d.binding()
                    + "); apply creates it and writes its id into the config";
            case D1_DATABASE -> "no database named \"" + d.name() + "\"; apply creates it and writes its database_id "
                    + "into the config";
            case R2_BUCKET -> "no bucket named \"" + d.name() + "\"; apply creates it"
                    + (d.nameFromConfig() ? "" : " and writes its bucket_name into the config");
            case QUEUE -> "no queue named \"" + d.name() + "\"; apply creates it";
        };
        return new PlanItem(PlanAction.CREATE, d, null, null, null, reason);
    }
}
