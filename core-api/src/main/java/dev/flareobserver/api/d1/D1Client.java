package dev.flareobserver.api.d1;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/d1}. */
public final class D1Client {
  private final D1DatabasesClient databases;

  public D1Client(HttpTransport transport) {
    this.databases = new D1DatabasesClient(Objects.requireNonNull(transport, "transport"));
  }

  /** {@code .../d1/database}: databases, their SQL, exports and time travel. */
  public D1DatabasesClient databases() {
    return databases;
  }
}
