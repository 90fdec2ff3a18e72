package dev.flareobserver.orchestration.provision;

import java.util.List;

/**
 * How an apply (or a resume, or a rollback) ended well.
 *
 * @param applyId null when there was nothing to do (no journal was written)
 * @param created what this run created, "KV namespace my-worker-cache (id)"
 * @param deleted what a rollback deleted
 * @param configWritten whether the config file was changed (ids written, or restored by a rollback)
 * @param lines the journal as lines for a person
 */
public record ApplyResult(String applyId, List<String> created, List<String> deleted, boolean configWritten,
                          List<String> lines) {

    public ApplyResult {
        created = List.copyOf(created);
        deleted = List.copyOf(deleted);
        lines = List.copyOf(lines);
    }

    static ApplyResult nothingToDo() {
        return new ApplyResult(null, List.of(), List.of(), false, List.of("Nothing to do: the account and the config agree."));
    }

    public boolean changedNothing() {
        return created.isEmpty() && deleted.isEmpty() && !configWritten;
    }
}
