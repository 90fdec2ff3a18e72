package dev.flareobserver.api.kv;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/**
 * {@code GET .../namespaces/{namespace_id}/keys} for one namespace: keys in byte order, a page at a time, with an
 * opaque {@code result_info.cursor} to the next page (empty on the last one).
 */
public final class KvKeysClient {
  private static final TypeReference<List<KvKey>> KEYS = new TypeReference<>() { };

  private final HttpTransport transport;
  private final KvNamespacesClient.Ids ids;

  KvKeysClient(HttpTransport transport, KvNamespacesClient.Ids ids) {
    this.transport = transport;
    this.ids = ids;
  }

  /** One page; {@code page.info().cursor()} leads to the next, and is empty or null after the last. */
  public Page<KvKey> list(KvKeyListParams params) {
    return Page.of(fetch(params));
  }

  /** Every key matching {@code params} (its cursor is the starting point), page by page as iteration reaches it. */
  public Pager<KvKey> listAll(KvKeyListParams params) {
    return Pagers.cursorPaginated(cursor -> fetch(cursor == null ? params : params.withCursor(cursor)));
  }

  private ApiResult<List<KvKey>> fetch(KvKeyListParams params) {
    ApiRequest request = ids.apply(ApiRequest.get(KvNamespacesClient.NAMESPACE_PATH + "/keys"))
        .query("limit", params.limit())
        .query("prefix", params.prefix())
        .query("cursor", params.cursor());
    return transport.execute(request, KEYS);
  }
}
