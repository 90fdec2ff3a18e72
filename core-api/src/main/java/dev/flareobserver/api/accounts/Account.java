package dev.flareobserver.api.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A Cloudflare account ({@code iam_account}); {@code type} is e.g. "standard" or "enterprise" when sent. */
public record Account(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("created_on") Instant createdOn,
    @JsonProperty("settings") AccountSettings settings) {
}
