package dev.flareobserver.api.r2;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/r2}. */
public final class R2Client {
  private final HttpTransport transport;

  public R2Client(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }
}
