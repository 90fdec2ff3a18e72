package dev.flareobserver.api.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Requests;
import dev.flareobserver.api.TokenVerification;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;

/** {@code /accounts/{account_id}/tokens}: account-owned API tokens. */
public final class AccountTokensClient {
  private static final TypeReference<TokenVerification> VERIFICATION = new TypeReference<>() { };

  private final HttpTransport transport;

  public AccountTokensClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET /accounts/{account_id}/tokens/verify}. */
  public TokenVerification verify(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    return transport.execute(ApiRequest.get("/accounts/{account_id}/tokens/verify").pathParam("account_id", accountId),
        VERIFICATION).result();
  }
}
