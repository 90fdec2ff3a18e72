package dev.flareobserver.orchestration.logtail;

import java.util.List;

/**
 * What changed in a {@link LogView} since the last poll, to apply to a list in one step.
 *
 * @param reset          the filter changed: drop everything shown and show {@code added}
 * @param removedFromHead entries to remove from the start (the buffer dropped them); 0 when {@code reset}
 * @param added          entries to append, in stream order
 */
public record ViewUpdate(boolean reset, int removedFromHead, List<LogEntry> added) {

    public boolean isEmpty() {
        return !reset && removedFromHead == 0 && added.isEmpty();
    }
}
