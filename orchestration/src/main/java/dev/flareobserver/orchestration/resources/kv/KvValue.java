package dev.flareobserver.orchestration.resources.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A value as read: its key, the stored bytes exactly, and its metadata (null when none). */
public record KvValue(String namespaceId, String key, byte[] bytes, JsonNode metadata) {

    public KvValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bytes, "bytes");
    }
}
