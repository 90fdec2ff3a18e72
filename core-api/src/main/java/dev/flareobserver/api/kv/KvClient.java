package dev.flareobserver.api.kv;

import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/** {@code /accounts/{account_id}/storage/kv}. */
public final class KvClient {
  private final KvNamespacesClient namespaces;

  public KvClient(HttpTransport transport) {
    this.namespaces = new KvNamespacesClient(Objects.requireNonNull(transport, "transport"));
  }

  /** {@code .../storage/kv/namespaces}, and through it the keys, values, metadata and bulk endpoints of one. */
  public KvNamespacesClient namespaces() {
    return namespaces;
  }
}
