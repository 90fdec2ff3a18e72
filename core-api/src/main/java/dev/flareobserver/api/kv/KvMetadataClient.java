package dev.flareobserver.api.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;

/** {@code GET .../namespaces/{namespace_id}/metadata/{key_name}} for one namespace. */
public final class KvMetadataClient {
  private final HttpTransport transport;
  private final KvNamespacesClient.Ids ids;

  KvMetadataClient(HttpTransport transport, KvNamespacesClient.Ids ids) {
    this.transport = transport;
    this.ids = ids;
  }

  /** The key's metadata, or null when it has none; a missing key is a {@code NotFoundException}. */
  public JsonNode get(String key) {
    ApiRequest request = ids.apply(ApiRequest.get(KvNamespacesClient.NAMESPACE_PATH + "/metadata/{key_name}"))
        .pathParam("key_name", KvKeyNames.requireAddressable(key));
    return KvJson.orNull(transport.execute(request, JsonNode.class).result());
  }
}
