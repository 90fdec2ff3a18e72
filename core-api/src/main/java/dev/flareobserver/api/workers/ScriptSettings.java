package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET .../scripts/{script_name}/settings} ({@code workers_script-and-version-settings-item}). Bindings,
 * limits, migrations and placement stay JSON: their shapes vary by kind and the observer only shows them.
 */
public record ScriptSettings(
    @JsonProperty("bindings") JsonNode bindings,
    @JsonProperty("compatibility_date") String compatibilityDate,
    @JsonProperty("compatibility_flags") List<String> compatibilityFlags,
    @JsonProperty("limits") JsonNode limits,
    @JsonProperty("logpush") Boolean logpush,
    @JsonProperty("migrations") JsonNode migrations,
    @JsonProperty("placement") JsonNode placement,
    @JsonProperty("tags") List<String> tags,
    @JsonProperty("tail_consumers") List<WorkerScript.TailConsumer> tailConsumers,
    @JsonProperty("usage_model") String usageModel) {

  public ScriptSettings {
    compatibilityFlags = compatibilityFlags == null ? List.of() : List.copyOf(compatibilityFlags);
    tags = tags == null ? List.of() : List.copyOf(tags);
    tailConsumers = tailConsumers == null ? List.of() : List.copyOf(tailConsumers);
  }
}
