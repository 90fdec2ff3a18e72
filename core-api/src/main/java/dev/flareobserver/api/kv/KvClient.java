package dev.flareobserver.api.kv;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/storage/kv}. */
public final class KvClient {
  private final HttpTransport transport;

  public KvClient(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }
}
