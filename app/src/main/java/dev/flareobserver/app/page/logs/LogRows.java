package dev.flareobserver.app.page.logs;

import dev.flareobserver.orchestration.logtail.LogEntry;
import dev.flareobserver.orchestration.logtail.ViewUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The rows the Logs list shows: read-only from outside, changed only by {@link #apply(ViewUpdate)}, which
 * turns a whole frame's update (entries dropped at the head, entries appended) into ONE list change
 * with one array copy for the head, so a frame costs O(batch) and the list lays out once.
 * ({@code ObservableList.remove(from, to)} of the stock lists removes one element at a time.)
 */
public final class LogRows extends ObservableListBase<LogEntry> {

    private ArrayList<LogEntry> items = new ArrayList<>();

    @Override
    public LogEntry get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    /** Applies one view update as one change. UI thread. */
    public void apply(ViewUpdate u) {
        if (u.isEmpty()) {
            return;
        }
        beginChange();
        try {
            if (u.reset()) {
                List<LogEntry> old = items;
                items = new ArrayList<>(u.added());
                if (!old.isEmpty()) {
                    nextRemove(0, Collections.unmodifiableList(old));
                }
                if (!items.isEmpty()) {
                    nextAdd(0, items.size());
                }
                return;
            }
            int drop = Math.min(u.removedFromHead(), items.size());
            if (drop > 0) {
                List<LogEntry> head = items.subList(0, drop);
                List<LogEntry> removed = new ArrayList<>(head);
                head.clear();
                nextRemove(0, removed);
            }
            if (!u.added().isEmpty()) {
                int from = items.size();
                items.addAll(u.added());
                nextAdd(from, items.size());
            }
        } finally {
            endChange();
        }
    }

    /** Removes everything (the session was closed, or another account). */
    public void clear() {
        if (!items.isEmpty()) {
            apply(new ViewUpdate(true, 0, List.of()));
        }
    }

    /** A copy of what is shown now, for export. */
    public List<LogEntry> snapshot() {
        return List.copyOf(items);
    }

    /**
     * The index of the entry with this sequence number, or of the first one after it when it is gone
     * (clamped to the last row); -1 when empty. Rows are in stream order, so this is a binary search.
     */
    public int indexOfSeq(long seq) {
        int lo = 0;
        int hi = items.size() - 1;
        if (hi < 0) {
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = items.get(mid).seq();
            if (s < seq) {
                lo = mid + 1;
            } else if (s > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return Math.min(lo, items.size() - 1);
    }
}
