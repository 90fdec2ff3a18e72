package dev.flareobserver.api.kv;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A KV namespace ({@code workers-kv_namespace}). */
public record KvNamespace(
    @JsonProperty("id") String id,
    @JsonProperty("title") String title,
    @JsonProperty("supports_url_encoding") Boolean supportsUrlEncoding) {
}
