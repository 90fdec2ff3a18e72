package dev.flareobserver.api.user;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.TokenVerification;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;

/** {@code /user/tokens}. */
public final class UserTokensClient {
  private static final TypeReference<TokenVerification> VERIFICATION = new TypeReference<>() { };

  private final HttpTransport transport;

  public UserTokensClient(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * {@code GET /user/tokens/verify}. An account-owned token is refused here with error code 1000;
   * verify it with {@code accounts().tokens().verify(accountId)} instead.
   */
  public TokenVerification verify() {
    return transport.execute(ApiRequest.get("/user/tokens/verify"), VERIFICATION).result();
  }
}
