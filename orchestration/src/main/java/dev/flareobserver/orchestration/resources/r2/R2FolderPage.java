package dev.flareobserver.orchestration.resources.r2;

import dev.flareobserver.api.r2.R2Object;
import java.util.List;

/**
 * One page of one folder level of a bucket, as a file browser shows it: the sub-folders (common prefixes
 * ending in "/") and the objects directly in it. {@code nextCursor} loads the next page ({@code null}: done).
 */
public record R2FolderPage(String bucket, String prefix, List<String> folders, List<R2Object> objects,
                           String nextCursor) {

    public R2FolderPage {
        prefix = prefix == null ? "" : prefix;
        folders = List.copyOf(folders);
        objects = List.copyOf(objects);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
