package dev.flareobserver.api.workers;

import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;

/** {@code /accounts/{account_id}/workers/subdomain}. */
public final class SubdomainClient {
  private final HttpTransport transport;

  public SubdomainClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET}: the account's workers.dev subdomain. */
  public WorkersSubdomain get(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    return transport.execute(ApiRequest.get("/accounts/{account_id}/workers/subdomain")
        .pathParam("account_id", accountId), WorkersSubdomain.class).result();
  }
}
