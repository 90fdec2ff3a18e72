package dev.flareobserver.api.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code .../namespaces/{namespace_id}/bulk}: many keys in one request. */
public final class KvBulkClient {
  /** Items per bulk write or delete that Cloudflare accepts. */
  public static final int MAX_ITEMS = 10_000;
  /** Keys per bulk get. */
  public static final int MAX_GET_KEYS = 100;
  private static final String BULK = KvNamespacesClient.NAMESPACE_PATH + "/bulk";

  private final HttpTransport transport;
  private final KvNamespacesClient.Ids ids;

  KvBulkClient(HttpTransport transport, KvNamespacesClient.Ids ids) {
    this.transport = transport;
    this.ids = ids;
  }

  /** {@code PUT .../bulk}: writes up to 10,000 items, replacing existing values and expirations. */
  public KvBulkResult write(List<KvBulkEntry> entries) {
    requireCount(entries, MAX_ITEMS, "bulk write items");
    return result(transport.execute(ids.apply(ApiRequest.put(BULK)).jsonBody(entries), KvBulkResult.class).result());
  }

  /**
   * {@code POST .../bulk/delete}: removes up to 10,000 keys. Replaying it removes nothing more, so it is retried
   * like the idempotent verbs.
   */
  public KvBulkResult delete(List<String> keys) {
    requireCount(keys, MAX_ITEMS, "keys to delete");
    ApiRequest request = ids.apply(ApiRequest.post(BULK + "/delete")).jsonBody(keys).idempotent(true);
    return result(transport.execute(request, KvBulkResult.class).result());
  }

  /** {@code DELETE .../bulk} with the keys as body: the older (deprecated) form of {@link #delete}. */
  public KvBulkResult deleteWithDeleteVerb(List<String> keys) {
    requireCount(keys, MAX_ITEMS, "keys to delete");
    return result(transport.execute(ids.apply(ApiRequest.delete(BULK)).jsonBody(keys), KvBulkResult.class).result());
  }

  /**
   * {@code POST .../bulk/get}: the values of up to 100 keys as text, in the order asked; a key that does not exist
   * maps to null. With {@code withMetadata} each value also carries its metadata and expiration.
   */
  public Map<String, KvBulkValue> get(List<String> keys, boolean withMetadata) {
    requireCount(keys, MAX_GET_KEYS, "keys to get");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("keys", keys);
    body.put("type", "text");
    body.put("withMetadata", withMetadata);
    ApiRequest request = ids.apply(ApiRequest.post(BULK + "/get")).jsonBody(body).idempotent(true);
    JsonNode values = transport.execute(request, JsonNode.class).result();
    Map<String, KvBulkValue> out = new LinkedHashMap<>();
    for (String key : keys) {
      out.put(key, null);
    }
    if (values == null) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = values.path("values").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      out.put(field.getKey(), value(field.getValue(), withMetadata));
    }
    return out;
  }

  private static KvBulkValue value(JsonNode node, boolean withMetadata) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!withMetadata) {
      return new KvBulkValue(node, null, null);
    }
    JsonNode expiration = node.get("expiration");
    return new KvBulkValue(node.get("value"), node.get("metadata"),
        expiration == null || !expiration.canConvertToLong() ? null : expiration.asLong());
  }

  private static KvBulkResult result(KvBulkResult result) {
    return result == null ? KvBulkResult.unknown() : result;
  }

  private static void requireCount(List<?> items, int max, String what) {
    Objects.requireNonNull(items, what);
    if (items.isEmpty() || items.size() > max) {
      throw new IllegalArgumentException("A bulk request takes 1 to " + max + " " + what + ", was " + items.size());
    }
  }
}
