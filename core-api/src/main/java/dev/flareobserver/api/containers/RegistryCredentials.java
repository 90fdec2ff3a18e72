package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Short-lived credentials from {@code POST /registries/{domain}/credentials}. wrangler logs in with
 * {@code username}/{@code password}; {@code toString} never shows the password.
 */
public record RegistryCredentials(
    @JsonProperty("account_id") String accountId,
    @JsonProperty("registry_host") String registryHost,
    @JsonProperty("username") String username,
    @JsonProperty("password") String password) {

  /** {@code Basic base64(username:password)}, the registry's Authorization header value. */
  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[accountId=" + accountId + ", registryHost=" + registryHost + ", username=" + username
        + ", password=***]";
  }
}
