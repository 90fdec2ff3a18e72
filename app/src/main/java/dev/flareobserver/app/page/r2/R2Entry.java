package dev.flareobserver.app.page.r2;

import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.orchestration.resources.r2.R2Files;

/**
 * One row of the object browser: a folder (a common prefix ending in "/") or an object.
 *
 * @param key    the full key or prefix
 * @param object the listed object; null for a folder
 */
public record R2Entry(String key, R2Object object) {

    public static R2Entry folder(String prefix) {
        return new R2Entry(prefix, null);
    }

    public static R2Entry of(R2Object object) {
        return new R2Entry(object.key(), object);
    }

    public boolean isFolder() {
        return object == null;
    }

    /** What the row shows: the last part of the key ("logo.png", "icons/"), control characters escaped. */
    public String name() {
        return R2Files.printable(R2Files.name(key));
    }

    public String size() {
        return isFolder() ? "" : R2Files.size(object.size());
    }

    public String type() {
        return isFolder() ? "Folder" : object.contentType() == null ? "" : object.contentType();
    }
}
