package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Body of {@code POST .../instances}: {@code name} is required. */
public record CreateInstance(
    @JsonProperty("name") String name,
    @JsonProperty("entrypoint") List<String> entrypoint,
    @JsonProperty("environment_variables") Map<String, String> environmentVariables,
    @JsonProperty("enable_internet") Boolean enableInternet) {

  public static CreateInstance named(String name) {
    return new CreateInstance(name, null, null, null);
  }
}
