package dev.flareobserver.api.r2;

import dev.flareobserver.api.MockApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flareobserver.api.SortDirection;
import dev.flareobserver.transport.ConflictException;
import dev.flareobserver.transport.NotFoundException;
import dev.flareobserver.transport.StreamBody;
import dev.flareobserver.transport.Transfer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class R2ClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

  @RegisterExtension
  final MockApi api = new MockApi();

  @Test
  void bucketListReadsTheObjectFormAndPagesByCursor() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":{"buckets":[
          {"name":"assets","creation_date":"2026-01-02T03:04:05.678Z","location":"ENAM","storage_class":"Standard"}]},
         "result_info":{"cursor":"c2","per_page":1}}""");
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":{"buckets":[
          {"name":"backups","creation_date":"2026-01-03T00:00:00Z","location":"weur","storage_class":"InfrequentAccess"}]},
         "result_info":{"cursor":"","per_page":1}}""");

    List<R2Bucket> all = api.client().r2().buckets().listAll(ACCOUNT,
        R2BucketListParams.defaults().withPerPage(1).withNameContains("a").withDirection(SortDirection.ASC)).stream()
        .toList();

    assertThat(all).extracting(R2Bucket::name).containsExactly("assets", "backups");
    assertThat(all.get(0).location()).isEqualTo(R2Location.ENAM);
    assertThat(all.get(0).creationDate()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
    assertThat(all.get(1).storageClass()).isEqualTo(R2StorageClass.INFREQUENT_ACCESS);
    assertThat(api.nextRequestLine()).isEqualTo("GET /accounts/" + ACCOUNT
        + "/r2/buckets?name_contains=a&per_page=1&order=name&direction=asc");
    assertThat(api.nextRequestLine()).endsWith("&cursor=c2&order=name&direction=asc");
  }

  @Test
  void createSendsNameHintAndClassAndIsNotRetried() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":{"name":"photos","location":"weur",
         "storage_class":"InfrequentAccess","creation_date":"2026-01-02T00:00:00Z"}}""");

    R2Bucket created = api.client().r2().buckets().create(ACCOUNT,
        new R2BucketCreate("photos", R2Location.WEUR, R2StorageClass.INFREQUENT_ACCESS));

    assertThat(created.name()).isEqualTo("photos");
    RecordedRequest r = api.server().takeRequest();
    assertThat(r.getBody().readUtf8())
        .isEqualTo("{\"name\":\"photos\",\"locationHint\":\"weur\",\"storageClass\":\"InfrequentAccess\"}");
  }

  @Test
  void objectListReadsFoldersFromResultInfoDelimitedAndTruncationEvenAsAString() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":[
          {"key":"images/a.png","size":120,"etag":"e1","last_modified":"2026-02-01T10:00:00Z",
           "http_metadata":{"contentType":"image/png","cacheControl":"max-age=60"},
           "custom_metadata":{"owner":"ann"},"storage_class":"Standard"}],
         "result_info":{"cursor":"next-1","per_page":2,"delimited":["images/icons/"],"is_truncated":"true"}}""");

    R2ObjectPage page = api.client().r2().buckets().objects().list(ACCOUNT, "assets",
        R2ObjectListParams.folder("images/").withPerPage(2));

    assertThat(page.delimitedPrefixes()).containsExactly("images/icons/");
    assertThat(page.truncated()).isTrue();
    assertThat(page.cursor()).isEqualTo("next-1");
    R2Object o = page.objects().get(0);
    assertThat(o.contentType()).isEqualTo("image/png");
    assertThat(o.httpMetadata().cacheControl()).isEqualTo("max-age=60");
    assertThat(o.customMetadata()).containsEntry("owner", "ann");
    assertThat(o.size()).isEqualTo(120);
    assertThat(api.nextRequestLine()).isEqualTo("GET /accounts/" + ACCOUNT
        + "/r2/buckets/assets/objects?prefix=images%2F&delimiter=%2F&per_page=2");
  }

  @Test
  void putStreamsTheBodyWithItsTypeMetadataAndStorageClassInOnePathSegment() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":{"key":"docs/a b.txt","size":5,"etag":"x",
         "uploaded":"2026-02-01T10:00:00Z","storage_class":"Standard"}}""");
    byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

    R2Object put = api.client().r2().buckets().objects().put(ACCOUNT, "assets", "docs/a b.txt",
        StreamBody.ofStream(new ByteArrayInputStream(bytes), bytes.length, "text/plain"),
        R2PutOptions.defaults().withCustomMetadata("owner", "ann").withCacheControl("no-cache")
            .withStorageClass(R2StorageClass.STANDARD), Transfer.untracked());

    assertThat(put.lastModified()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
    RecordedRequest r = api.server().takeRequest();
    assertThat(r.getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/r2/buckets/assets/objects/docs%2Fa%20b.txt");
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(r.getHeader("x-amz-meta-owner")).isEqualTo("ann");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.getHeader("cf-r2-storage-class")).isEqualTo("Standard");
    assertThat(r.getBody().readUtf8()).isEqualTo("hello");
  }

  @Test
  void getStreamsRawBytesAndAMissingKeyIsNotFoundWithCode10007() throws Exception {
    api.server().enqueue(new MockResponse().setHeader("Content-Type", "application/json").setHeader("ETag", "\"abc\"")
        .setBody("{\"raw\":true}"));
    try (R2ObjectBody body = api.client().r2().buckets().objects().get(ACCOUNT, "assets", "a.json", Transfer.untracked())) {
      assertThat(new String(body.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"raw\":true}");
      assertThat(body.etag()).isEqualTo("abc");
      assertThat(body.contentType()).isEqualTo("application/json");
    }
    api.answer(404, """
        {"success":false,"errors":[{"code":10007,"message":"The specified key does not exist."}],"messages":[],
         "result":null}""");
    assertThatThrownBy(() -> api.client().r2().buckets().objects().get(ACCOUNT, "assets", "gone", Transfer.untracked()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.hasErrorCode(10007)).isTrue());
  }

  @Test
  void deleteOfANonEmptyBucketIsAConflict() {
    api.answer(409, """
        {"success":false,"errors":[{"code":10008,"message":"The bucket you tried to delete is not empty."}],
         "messages":[],"result":null}""");
    assertThatThrownBy(() -> api.client().r2().buckets().delete(ACCOUNT, "assets"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.hasErrorCode(10008)).isTrue());
  }

  @Test
  void missingPathParametersFailBeforeAnyRequest() {
    assertThatThrownBy(() -> api.client().r2().buckets().get(ACCOUNT, " ")).hasMessageContaining("bucket_name");
    assertThatThrownBy(() -> api.client().r2().buckets().objects().delete(ACCOUNT, "b", "")).hasMessageContaining("object_key");
    assertThatThrownBy(() -> R2ObjectListParams.defaults().withPerPage(1001)).hasMessageContaining("perPage");
    assertThat(api.server().getRequestCount()).isZero();
  }
}
