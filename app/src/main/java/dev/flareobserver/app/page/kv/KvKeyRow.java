package dev.flareobserver.app.page.kv;

import dev.flareobserver.orchestration.resources.kv.KvKeyNames;

/** One row of the key browser: the raw key (what requests use) and what it shows. */
public record KvKeyRow(int index, String key, Long expiration, String metadataJson) {

    /** The key as shown: characters that would hide or disguise text are escaped. */
    public String display() {
        return KvKeyNames.forDisplay(key);
    }
}
