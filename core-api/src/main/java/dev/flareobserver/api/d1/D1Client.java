package dev.flareobserver.api.d1;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/d1}. */
public final class D1Client {
  private final HttpTransport transport;

  public D1Client(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }
}
