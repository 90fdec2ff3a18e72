package dev.flareobserver.api.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code settings} of an account ({@code iam_account}). */
public record AccountSettings(
    @JsonProperty("abuse_contact_email") String abuseContactEmail,
    @JsonProperty("default_nameservers") String defaultNameservers,
    @JsonProperty("enforce_twofactor") Boolean enforceTwofactor,
    @JsonProperty("use_account_custom_ns_by_default") Boolean useAccountCustomNsByDefault) {
}
