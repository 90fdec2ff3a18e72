package dev.flareobserver.api.user;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;

/** {@code /user}. */
public final class UserClient {
  private static final TypeReference<User> USER = new TypeReference<>() { };

  private final HttpTransport transport;
  private final UserTokensClient tokens;

  public UserClient(HttpTransport transport) {
    this.transport = transport;
    this.tokens = new UserTokensClient(transport);
  }

  /** {@code GET /user}: needs a user token with "User Details: Read". */
  public User get() {
    return transport.execute(ApiRequest.get("/user"), USER).result();
  }

  public UserTokensClient tokens() {
    return tokens;
  }
}
