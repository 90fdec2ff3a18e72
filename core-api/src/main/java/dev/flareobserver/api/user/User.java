package dev.flareobserver.api.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The user behind a user token ({@code GET /user}). */
public record User(
    @JsonProperty("id") String id,
    @JsonProperty("email") String email,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    @JsonProperty("username") String username,
    @JsonProperty("telephone") String telephone,
    @JsonProperty("country") String country,
    @JsonProperty("zipcode") String zipcode,
    @JsonProperty("two_factor_authentication_enabled") Boolean twoFactorAuthenticationEnabled,
    @JsonProperty("suspended") Boolean suspended,
    @JsonProperty("created_on") Instant createdOn,
    @JsonProperty("modified_on") Instant modifiedOn) {
}
