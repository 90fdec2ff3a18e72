package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A {@code {name, value}} pair: environment variables and labels of a container configuration. */
public record NameValue(@JsonProperty("name") String name, @JsonProperty("value") String value) {
}
