package dev.flareobserver.api.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flareobserver.api.MultipartForm;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.Objects;

/**
 * {@code .../namespaces/{namespace_id}/values/{key_name}} for one namespace. Key names travel URL-encoded in the
 * path, so they may hold '/', spaces and any Unicode.
 */
public final class KvValuesClient {
  static final String VALUE_PATH = KvNamespacesClient.NAMESPACE_PATH + "/values/{key_name}";

  private final HttpTransport transport;
  private final KvNamespacesClient.Ids ids;

  KvValuesClient(HttpTransport transport, KvNamespacesClient.Ids ids) {
    this.transport = transport;
    this.ids = ids;
  }

  /**
   * {@code GET}: the stored bytes exactly (the answer is the raw value, not an envelope). A missing or expired key
   * is a {@link dev.flareobserver.transport.NotFoundException} (Cloudflare's code 10009).
   */
  public byte[] get(String key) {
    return transport.executeBytes(value(ApiRequest.get(VALUE_PATH), key));
  }

  /**
   * {@code PUT}: stores {@code value}, replacing what was there. Without metadata the body is the raw bytes; with
   * metadata it is {@code multipart/form-data} with parts {@code value} and {@code metadata}, as wrangler sends it.
   * Expiration travels as the {@code expiration} / {@code expiration_ttl} query parameters.
   */
  public void put(String key, byte[] value, KvWriteOptions options) {
    Objects.requireNonNull(value, "value");
    KvWriteOptions opts = options == null ? KvWriteOptions.none() : options;
    ApiRequest request = value(ApiRequest.put(VALUE_PATH), key)
        .query("expiration", opts.expiration())
        .query("expiration_ttl", opts.expirationTtl());
    if (opts.metadata() == null) {
      request = request.body(value, "application/octet-stream");
    } else {
      MultipartForm form = new MultipartForm().field("value", null, value).field("metadata", null, json(opts));
      request = request.body(form.bytes(), form.contentType());
    }
    transport.execute(request, Object.class);
  }

  /** {@code DELETE}: removes the key; deleting a key that does not exist succeeds. */
  public void delete(String key) {
    transport.execute(value(ApiRequest.delete(VALUE_PATH), key), Object.class);
  }

  private ApiRequest value(ApiRequest request, String key) {
    return ids.apply(request).pathParam("key_name", KvKeyNames.requireAddressable(key));
  }

  private byte[] json(KvWriteOptions options) {
    try {
      return transport.mapper().writeValueAsBytes(options.metadata());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
