package dev.flareobserver.orchestration.provision;

import java.util.List;

/**
 * The narrow view of one account that provisioning needs: list, create and delete per kind. Listing uses the
 * list endpoints only (never one GET per resource), so a plan costs a request or two per kind. Writes here
 * are raw: callers go through {@link dev.flareobserver.orchestration.resources.ResourceWrites}.
 */
public interface AccountResources {

    String accountId();

    /** Every resource of the kind (all pages). */
    List<LiveResource> list(ResourceKind kind);

    /** Creates one; {@code jurisdiction} is for R2 and may be null. */
    LiveResource create(ResourceKind kind, String name, String jurisdiction);

    /** Deletes one; false when it was already gone (so a rollback can be repeated). */
    boolean delete(LiveResource resource);

    /** {@code GET .../workers/scripts/{name}/settings}: the Worker's bindings and compatibility date, for export. */
    dev.flareobserver.api.workers.ScriptSettings workerSettings(String scriptName);
}
