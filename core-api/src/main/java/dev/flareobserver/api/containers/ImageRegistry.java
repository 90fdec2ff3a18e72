package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An image registry of the account ({@code GET /registries}); {@code private_credential} is kept as JSON. */
public record ImageRegistry(
    @JsonProperty("domain") String domain,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("kind") String kind,
    @JsonProperty("public_key") String publicKey,
    @JsonProperty("private_credential") JsonNode privateCredential) {
}
