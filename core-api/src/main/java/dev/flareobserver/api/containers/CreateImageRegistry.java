package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /registries}: {@code domain} is required. */
public record CreateImageRegistry(
    @JsonProperty("domain") String domain,
    @JsonProperty("is_public") Boolean isPublic,
    @JsonProperty("auth") JsonNode auth,
    @JsonProperty("kind") String kind) {

  public static CreateImageRegistry of(String domain) {
    return new CreateImageRegistry(domain, null, null, null);
  }
}
