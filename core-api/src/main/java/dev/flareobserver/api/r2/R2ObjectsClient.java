package dev.flareobserver.api.r2;

import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import dev.flareobserver.transport.ResultInfo;
import dev.flareobserver.transport.StreamBody;
import dev.flareobserver.transport.Transfer;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /accounts/{account_id}/r2/buckets/{bucket_name}/objects}. Object bodies are streamed both ways, never
 * held in memory; a put reads a {@link StreamBody} of known length (the API takes up to 300 MiB per put).
 */
public final class R2ObjectsClient {
  private static final TypeReference<List<R2Object>> OBJECTS = new TypeReference<>() { };
  static final String LIST = R2BucketsClient.BUCKET + "/objects";
  static final String OBJECT = LIST + "/{object_key}";
  /**
   * How custom metadata travels on a put. Unconfirmed: the REST API does not document it; R2's S3 API maps
   * {@code x-amz-meta-*} headers to an object's custom metadata, so the same convention is used here.
   */
  public static final String CUSTOM_METADATA_HEADER_PREFIX = "x-amz-meta-";
  /** The storage class header wrangler sends with {@code r2 object put --storage-class}. */
  public static final String STORAGE_CLASS_HEADER = "cf-r2-storage-class";

  private final HttpTransport transport;

  R2ObjectsClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET .../objects}: one page of objects and, with a delimiter, of common prefixes. */
  public R2ObjectPage list(String accountId, String bucketName, R2ObjectListParams params) {
    ApiResult<List<R2Object>> page = fetch(accountId, bucketName, params);
    ResultInfo info = page.resultInfo();
    String cursor = info == null ? null : info.cursor();
    boolean truncated = info != null && info.isTruncated() != null ? info.isTruncated()
        : cursor != null && !cursor.isEmpty();
    return new R2ObjectPage(page.result(), info == null ? null : info.delimited(), truncated ? cursor : null,
        truncated);
  }

  /** Every object (common prefixes are not objects and are left out), page by page as iteration reaches it. */
  public Pager<R2Object> listAll(String accountId, String bucketName, R2ObjectListParams params) {
    R2ObjectListParams base = params == null ? R2ObjectListParams.defaults() : params;
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("bucket_name", bucketName);
    return Pagers.cursorPaginated(cursor -> fetch(accountId, bucketName, base.withCursor(cursor)));
  }

  private ApiResult<List<R2Object>> fetch(String accountId, String bucketName, R2ObjectListParams params) {
    R2ObjectListParams p = params == null ? R2ObjectListParams.defaults() : params;
    ApiRequest request = R2BucketsClient.bucket(ApiRequest.get(LIST), accountId, bucketName)
        .query("prefix", p.prefix())
        .query("delimiter", p.delimiter())
        .query("cursor", p.cursor())
        .query("start_after", p.startAfter())
        .query("per_page", p.perPage());
    ApiResult<List<R2Object>> result = transport.execute(request, OBJECTS);
    return result.result() == null
        ? new ApiResult<>(List.of(), result.resultInfo(), result.messages(), result.httpStatus(), result.cfRay())
        : result;
  }

  /**
   * {@code GET .../objects/{object_key}}: the object's bytes, streamed; progress and cancel go through
   * {@code transfer}. A missing key is a {@link dev.flareobserver.transport.NotFoundException} (code 10007).
   */
  public R2ObjectBody get(String accountId, String bucketName, String key, Transfer transfer) {
    ApiRequest request = object(ApiRequest.get(OBJECT), accountId, bucketName, key).header("Accept", "*/*");
    return new R2ObjectBody(transport.executeStream(request, Objects.requireNonNull(transfer, "transfer")));
  }

  /**
   * {@code PUT .../objects/{object_key}}: stores {@code body} under {@code key}, replacing what was there. A file
   * body may be retried like any idempotent request; a one-shot stream is not.
   */
  public R2Object put(String accountId, String bucketName, String key, StreamBody body, R2PutOptions options,
      Transfer transfer) {
    Objects.requireNonNull(body, "body");
    R2PutOptions o = options == null ? R2PutOptions.defaults() : options;
    ApiRequest request = object(ApiRequest.put(OBJECT), accountId, bucketName, key)
        .header("Cache-Control", o.cacheControl())
        .header("Content-Disposition", o.contentDisposition())
        .header(STORAGE_CLASS_HEADER, o.storageClass() == null ? null : o.storageClass().wireValue());
    for (Map.Entry<String, String> m : o.customMetadata().entrySet()) {
      request = request.header(CUSTOM_METADATA_HEADER_PREFIX + m.getKey(), m.getValue());
    }
    return transport.executeUpload(request, body, Objects.requireNonNull(transfer, "transfer"), R2Object.class)
        .result();
  }

  /** {@code DELETE .../objects/{object_key}}. */
  public void delete(String accountId, String bucketName, String key) {
    transport.execute(object(ApiRequest.delete(OBJECT), accountId, bucketName, key), Object.class);
  }

  private static ApiRequest object(ApiRequest request, String accountId, String bucketName, String key) {
    Requests.requirePathParam("object_key", key);
    return R2BucketsClient.bucket(request, accountId, bucketName).pathParam("object_key", key);
  }
}
