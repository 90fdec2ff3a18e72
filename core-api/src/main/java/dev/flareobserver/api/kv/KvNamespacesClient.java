package dev.flareobserver.api.kv;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;
import java.util.Map;

/** {@code /accounts/{account_id}/storage/kv/namespaces}. */
public final class KvNamespacesClient {
  private static final TypeReference<List<KvNamespace>> NAMESPACES = new TypeReference<>() { };
  static final String NAMESPACES_PATH = "/accounts/{account_id}/storage/kv/namespaces";
  static final String NAMESPACE_PATH = NAMESPACES_PATH + "/{namespace_id}";

  private final HttpTransport transport;

  KvNamespacesClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET .../namespaces}: one page. */
  public Page<KvNamespace> list(String accountId, KvNamespaceListParams params) {
    Requests.requirePathParam("account_id", accountId);
    return Page.of(transport.execute(listRequest(accountId, params, params.page(), params.perPage()), NAMESPACES));
  }

  /** Every namespace, page by page as the pager is iterated; {@code params.page()} is ignored. */
  public Pager<KvNamespace> listAll(String accountId, KvNamespaceListParams params) {
    Requests.requirePathParam("account_id", accountId);
    int perPage = params.perPage() == null ? KvNamespaceListParams.MAX_PER_PAGE : params.perPage();
    return Pagers.pagePaginated(perPage, (page, size) ->
        transport.execute(listRequest(accountId, params, page, size), NAMESPACES));
  }

  /** {@code GET .../namespaces/{namespace_id}}. */
  public KvNamespace get(String accountId, String namespaceId) {
    return transport.execute(namespace(ApiRequest.get(NAMESPACE_PATH), accountId, namespaceId), KvNamespace.class)
        .result();
  }

  /**
   * {@code POST .../namespaces} with {@code {"title": ...}}. Not retried: a replay after a lost answer would meet
   * its own namespace and fail with "title already exists".
   */
  public KvNamespace create(String accountId, String title) {
    Requests.requirePathParam("account_id", accountId);
    ApiRequest request = ApiRequest.post(NAMESPACES_PATH).pathParam("account_id", accountId)
        .jsonBody(Map.of("title", requireTitle(title)))
        .idempotent(false);
    return transport.execute(request, KvNamespace.class).result();
  }

  /** {@code PUT .../namespaces/{namespace_id}} with {@code {"title": ...}}: renames it. */
  public void rename(String accountId, String namespaceId, String title) {
    ApiRequest request = namespace(ApiRequest.put(NAMESPACE_PATH), accountId, namespaceId)
        .jsonBody(Map.of("title", requireTitle(title)));
    transport.execute(request, Object.class);
  }

  /** {@code DELETE .../namespaces/{namespace_id}}: the namespace and every key in it. */
  public void delete(String accountId, String namespaceId) {
    transport.execute(namespace(ApiRequest.delete(NAMESPACE_PATH), accountId, namespaceId), Object.class);
  }

  /** {@code .../namespaces/{namespace_id}/keys}. */
  public KvKeysClient keys(String accountId, String namespaceId) {
    return new KvKeysClient(transport, checkedIds(accountId, namespaceId));
  }

  /** {@code .../namespaces/{namespace_id}/values/{key_name}}. */
  public KvValuesClient values(String accountId, String namespaceId) {
    return new KvValuesClient(transport, checkedIds(accountId, namespaceId));
  }

  /** {@code .../namespaces/{namespace_id}/metadata/{key_name}}. */
  public KvMetadataClient metadata(String accountId, String namespaceId) {
    return new KvMetadataClient(transport, checkedIds(accountId, namespaceId));
  }

  /** {@code .../namespaces/{namespace_id}/bulk}. */
  public KvBulkClient bulk(String accountId, String namespaceId) {
    return new KvBulkClient(transport, checkedIds(accountId, namespaceId));
  }

  /** The two ids every per-namespace request needs, checked before any I/O. */
  record Ids(String accountId, String namespaceId) {
    ApiRequest apply(ApiRequest request) {
      return request.pathParam("account_id", accountId).pathParam("namespace_id", namespaceId);
    }
  }

  private static Ids checkedIds(String accountId, String namespaceId) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("namespace_id", namespaceId);
    return new Ids(accountId, namespaceId);
  }

  private static ApiRequest namespace(ApiRequest request, String accountId, String namespaceId) {
    return checkedIds(accountId, namespaceId).apply(request);
  }

  private static String requireTitle(String title) {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("A KV namespace title must not be blank");
    }
    return title;
  }

  private static ApiRequest listRequest(String accountId, KvNamespaceListParams params, Integer page, Integer perPage) {
    KvNamespaceOrder order = params.order();
    SortDirection direction = params.direction();
    return ApiRequest.get(NAMESPACES_PATH)
        .pathParam("account_id", accountId)
        .query("page", page)
        .query("per_page", perPage)
        .query("order", order == null ? null : order.wireValue())
        .query("direction", direction == null ? null : direction.wireValue());
  }
}
