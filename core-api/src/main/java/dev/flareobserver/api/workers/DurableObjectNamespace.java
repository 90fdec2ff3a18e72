package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Durable Object namespace ({@code workers_namespace} in the OpenAPI document): {@code script} is the Worker
 * that defines {@code class}, which is how a Durable-Object-managed container application finds its Worker.
 */
public record DurableObjectNamespace(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("script") String script,
    @JsonProperty("class") String className,
    @JsonProperty("use_sqlite") Boolean useSqlite) {
}
