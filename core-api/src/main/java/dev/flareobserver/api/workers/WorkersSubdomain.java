package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The account's {@code <subdomain>.workers.dev}; the 2024 schema names the field {@code name}, the API {@code subdomain}. */
public record WorkersSubdomain(@JsonProperty("subdomain") @JsonAlias("name") String subdomain) {
}
