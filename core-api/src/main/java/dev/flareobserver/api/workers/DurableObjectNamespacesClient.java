package dev.flareobserver.api.workers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;

/** {@code /accounts/{account_id}/workers/durable_objects/namespaces}. */
public final class DurableObjectNamespacesClient {
  private static final TypeReference<List<DurableObjectNamespace>> NAMESPACES = new TypeReference<>() { };
  static final String NAMESPACES_PATH = "/accounts/{account_id}/workers/durable_objects/namespaces";

  private final HttpTransport transport;

  public DurableObjectNamespacesClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET}: every Durable Object namespace of the account (the document describes no paging for it). */
  public List<DurableObjectNamespace> list(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    List<DurableObjectNamespace> out = transport.execute(ApiRequest.get(NAMESPACES_PATH)
        .pathParam("account_id", accountId), NAMESPACES).result();
    return out == null ? List.of() : List.copyOf(out);
  }
}
