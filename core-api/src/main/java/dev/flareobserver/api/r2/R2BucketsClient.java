package dev.flareobserver.api.r2;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;
import java.util.Objects;

/** {@code /accounts/{account_id}/r2/buckets}. */
public final class R2BucketsClient {
  static final String BUCKETS = "/accounts/{account_id}/r2/buckets";
  static final String BUCKET = BUCKETS + "/{bucket_name}";

  /**
   * The list's {@code result} is {@code {"buckets": [...]}}, not the array the 2024 spec declares (the real API,
   * the current SDK and wrangler agree on the object form).
   */
  private record BucketList(@JsonProperty("buckets") List<R2Bucket> buckets) {
  }

  private final HttpTransport transport;
  private final R2ObjectsClient objects;

  R2BucketsClient(HttpTransport transport) {
    this.transport = transport;
    this.objects = new R2ObjectsClient(transport);
  }

  /** {@code GET .../r2/buckets}: one page. */
  public R2BucketPage list(String accountId, R2BucketListParams params) {
    ApiResult<List<R2Bucket>> page = fetch(accountId, params);
    return new R2BucketPage(page.result(), page.resultInfo() == null ? null : page.resultInfo().cursor());
  }

  /** Every bucket, page by page as iteration reaches it ({@code params.cursor} is ignored). */
  public Pager<R2Bucket> listAll(String accountId, R2BucketListParams params) {
    Requests.requirePathParam("account_id", accountId);
    R2BucketListParams base = params == null ? R2BucketListParams.defaults() : params;
    return Pagers.cursorPaginated(cursor -> fetch(accountId, base.withCursor(cursor)));
  }

  private ApiResult<List<R2Bucket>> fetch(String accountId, R2BucketListParams params) {
    Requests.requirePathParam("account_id", accountId);
    R2BucketListParams p = params == null ? R2BucketListParams.defaults() : params;
    ApiRequest request = ApiRequest.get(BUCKETS).pathParam("account_id", accountId)
        .query("name_contains", p.nameContains())
        .query("start_after", p.startAfter())
        .query("per_page", p.perPage())
        .query("cursor", p.cursor())
        .query("order", p.direction() == null ? null : "name")
        .query("direction", p.direction() == null ? null : p.direction().wireValue());
    ApiResult<BucketList> result = transport.execute(request, BucketList.class);
    List<R2Bucket> buckets = result.result() == null || result.result().buckets() == null
        ? List.of() : result.result().buckets();
    return new ApiResult<>(buckets, result.resultInfo(), result.messages(), result.httpStatus(), result.cfRay());
  }

  /** {@code POST .../r2/buckets}. Not retried: a replay after a lost answer would meet "bucket exists". */
  public R2Bucket create(String accountId, R2BucketCreate body) {
    Requests.requirePathParam("account_id", accountId);
    Objects.requireNonNull(body, "body");
    Requests.requirePathParam("name", body.name());
    return transport.execute(ApiRequest.post(BUCKETS).pathParam("account_id", accountId).jsonBody(body)
        .idempotent(false), R2Bucket.class).result();
  }

  /** {@code GET .../r2/buckets/{bucket_name}}. */
  public R2Bucket get(String accountId, String bucketName) {
    return transport.execute(bucket(ApiRequest.get(BUCKET), accountId, bucketName), R2Bucket.class).result();
  }

  /** {@code DELETE .../r2/buckets/{bucket_name}}; Cloudflare refuses a bucket that still has objects. */
  public void delete(String accountId, String bucketName) {
    transport.execute(bucket(ApiRequest.delete(BUCKET), accountId, bucketName), Object.class);
  }

  /** {@code .../r2/buckets/{bucket_name}/objects}. */
  public R2ObjectsClient objects() {
    return objects;
  }

  static ApiRequest bucket(ApiRequest request, String accountId, String bucketName) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("bucket_name", bucketName);
    return request.pathParam("account_id", accountId).pathParam("bucket_name", bucketName);
  }
}
