package dev.flareobserver.orchestration.resources.kv;

import dev.flareobserver.api.kv.KvKey;
import java.util.List;

/**
 * One page of a key listing: the cursor it was asked with (null: the first page), its keys, and the cursor of
 * the next page (null: this was the last).
 */
public record KvKeyPage(String requestedCursor, List<KvKey> keys, String nextCursor) {

    public KvKeyPage {
        keys = List.copyOf(keys);
        nextCursor = nextCursor == null || nextCursor.isEmpty() ? null : nextCursor;
    }

    public boolean isLast() {
        return nextCursor == null;
    }
}
