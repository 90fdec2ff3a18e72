package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;
import java.util.Set;

/** {@code /accounts/{account_id}/containers/registries}. */
public final class RegistriesClient {
  static final String REGISTRIES = ContainersClient.BASE + "/registries";
  static final String REGISTRY = REGISTRIES + "/{domain}";
  /** Cloudflare's managed registry (wrangler's default {@code CLOUDFLARE_CONTAINER_REGISTRY}). */
  public static final String MANAGED_REGISTRY = "registry.cloudflare.com";

  private final HttpTransport transport;

  RegistriesClient(HttpTransport transport) {
    this.transport = transport;
  }

  public List<ImageRegistry> list(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    List<ImageRegistry> out = transport.execute(ApiRequest.get(REGISTRIES).pathParam("account_id", accountId),
        new TypeReference<List<ImageRegistry>>() { }).result();
    return out == null ? List.of() : List.copyOf(out);
  }

  /** Not retried: a replay after a lost answer would fail as a duplicate. */
  public ImageRegistry create(String accountId, CreateImageRegistry body) {
    Requests.requirePathParam("account_id", accountId);
    if (body == null || body.domain() == null || body.domain().isBlank()) {
      throw new IllegalArgumentException("A registry needs a domain");
    }
    return transport.execute(ApiRequest.post(REGISTRIES).pathParam("account_id", accountId).jsonBody(body)
        .idempotent(false), ImageRegistry.class).result();
  }

  public void delete(String accountId, String domain) {
    transport.execute(registry(ApiRequest.delete(REGISTRY), accountId, domain), Object.class);
  }

  /**
   * {@code POST .../registries/{domain}/credentials}: credentials valid for {@code expirationMinutes}. Each call
   * issues new ones, so it is not retried.
   */
  public RegistryCredentials credentials(String accountId, String domain, int expirationMinutes,
      Set<RegistryPermission> permissions) {
    if (expirationMinutes < 1) {
      throw new IllegalArgumentException("expiration_minutes must be at least 1, was " + expirationMinutes);
    }
    if (permissions == null || permissions.isEmpty()) {
      throw new IllegalArgumentException("Ask for at least one permission (pull, push, list)");
    }
    return transport.execute(registry(ApiRequest.post(REGISTRY + "/credentials"), accountId, domain)
        .jsonBody(new CredentialsRequest(expirationMinutes, List.copyOf(permissions))).idempotent(false),
        RegistryCredentials.class).result();
  }

  record CredentialsRequest(@JsonProperty("expiration_minutes") int expirationMinutes,
                            @JsonProperty("permissions") List<RegistryPermission> permissions) {
  }

  private static ApiRequest registry(ApiRequest request, String accountId, String domain) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("domain", domain);
    return request.pathParam("account_id", accountId).pathParam("domain", domain);
  }
}
