package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A Worker script as listed by {@code GET /accounts/{account_id}/workers/scripts} ({@code workers_script-response}).
 * {@code modifiedOn} moves with every deployment, so it stands for "last deploy".
 */
public record WorkerScript(
    @JsonProperty("id") String id,
    @JsonProperty("etag") String etag,
    @JsonProperty("created_on") Instant createdOn,
    @JsonProperty("modified_on") Instant modifiedOn,
    @JsonProperty("handlers") List<String> handlers,
    @JsonProperty("compatibility_date") String compatibilityDate,
    @JsonProperty("usage_model") String usageModel,
    @JsonProperty("logpush") Boolean logpush,
    @JsonProperty("placement_mode") String placementMode,
    @JsonProperty("tail_consumers") List<TailConsumer> tailConsumers) {

  public WorkerScript {
    handlers = handlers == null ? List.of() : List.copyOf(handlers);
    tailConsumers = tailConsumers == null ? List.of() : List.copyOf(tailConsumers);
  }

  /** {@code workers_tail_consumers_script}. */
  public record TailConsumer(
      @JsonProperty("service") String service,
      @JsonProperty("environment") String environment,
      @JsonProperty("namespace") String namespace) {
  }
}
