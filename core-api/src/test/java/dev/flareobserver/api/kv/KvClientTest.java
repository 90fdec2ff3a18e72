package dev.flareobserver.api.kv;

import dev.flareobserver.api.MockApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.SortDirection;
import dev.flareobserver.transport.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KvClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final String NS = "fedcba9876543210fedcba9876543210";
  private static final String BASE = "/client/v4/accounts/" + ACCOUNT + "/storage/kv/namespaces";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  final MockApi api = new MockApi();

  private KvNamespacesClient namespaces() {
    return api.client().kv().namespaces();
  }

  @Test
  void listsNamespacesWithPagingOrderAndDirection() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":[{"id":"%s","title":"sessions","supports_url_encoding":true}],
         "result_info":{"page":2,"per_page":5,"count":1,"total_count":6}}""".formatted(NS));

    Page<KvNamespace> page = namespaces().list(ACCOUNT, KvNamespaceListParams.defaults().withPage(2).withPerPage(5)
        .withOrder(KvNamespaceOrder.TITLE, SortDirection.DESC));

    assertThat(page.items()).containsExactly(new KvNamespace(NS, "sessions", true));
    assertThat(page.info().totalCount()).isEqualTo(6);
    assertThat(api.take().getPath()).isEqualTo(BASE + "?page=2&per_page=5&order=title&direction=desc");
  }

  @Test
  void listAllFollowsPagesUntilAShortOne() throws Exception {
    StringBuilder full = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      full.append(i == 0 ? "" : ",").append("{\"id\":\"").append(String.format("%032d", i)).append("\",\"title\":\"t")
          .append(i).append("\"}");
    }
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[" + full + "],\"result_info\":{\"page\":1,\"per_page\":5}}");
    api.answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"x\",\"title\":\"last\"}],"
        + "\"result_info\":{\"page\":2,\"per_page\":5}}");

    List<KvNamespace> all = namespaces().listAll(ACCOUNT, KvNamespaceListParams.defaults().withPerPage(5)).stream().toList();

    assertThat(all).hasSize(6).last().extracting(KvNamespace::title).isEqualTo("last");
    assertThat(api.take().getPath()).endsWith("?page=1&per_page=5");
    assertThat(api.take().getPath()).endsWith("?page=2&per_page=5");
  }

  @Test
  void createsRenamesAndDeletesNamespaces() throws Exception {
    api.ok("{\"id\":\"" + NS + "\",\"title\":\"cache\",\"supports_url_encoding\":true}");
    api.ok("null");
    api.ok("null");

    KvNamespace created = namespaces().create(ACCOUNT, "cache");
    namespaces().rename(ACCOUNT, NS, "cache-v2");
    namespaces().delete(ACCOUNT, NS);

    assertThat(created.id()).isEqualTo(NS);
    RecordedRequest create = api.take();
    assertThat(create.getMethod() + " " + create.getPath()).isEqualTo("POST " + BASE);
    assertThat(JSON.readTree(create.getBody().readUtf8())).isEqualTo(JSON.readTree("{\"title\":\"cache\"}"));
    RecordedRequest rename = api.take();
    assertThat(rename.getMethod() + " " + rename.getPath()).isEqualTo("PUT " + BASE + "/" + NS);
    assertThat(JSON.readTree(rename.getBody().readUtf8())).isEqualTo(JSON.readTree("{\"title\":\"cache-v2\"}"));
    RecordedRequest delete = api.take();
    assertThat(delete.getMethod() + " " + delete.getPath()).isEqualTo("DELETE " + BASE + "/" + NS);
  }

  @Test
  void missingIdsAndBlankTitlesFailBeforeAnyRequest() {
    assertThatThrownBy(() -> namespaces().create(ACCOUNT, "  ")).hasMessageContaining("title");
    assertThatThrownBy(() -> namespaces().keys(ACCOUNT, "")).hasMessageContaining("namespace_id");
    assertThatThrownBy(() -> namespaces().values(null, NS)).hasMessageContaining("account_id");
    assertThatThrownBy(() -> namespaces().values(ACCOUNT, NS).get("..")).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> namespaces().values(ACCOUNT, NS).delete(".")).hasMessageContaining("not allowed");
    assertThatThrownBy(() -> namespaces().metadata(ACCOUNT, NS).get("")).hasMessageContaining("key_name");
    assertThatThrownBy(() -> namespaces().bulk(ACCOUNT, NS).get(java.util.Collections.nCopies(101, "k"), false))
        .hasMessageContaining("1 to 100");
    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void listsKeysWithPrefixLimitAndCursorAndPagesOnTheCursor() throws Exception {
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":[
          {"name":"user:1","expiration":1893456000,"metadata":{"plan":"pro"}},{"name":"user:2"}],
         "result_info":{"count":2,"cursor":"c-2"}}""");
    api.answer(200, """
        {"success":true,"errors":[],"messages":[],"result":[{"name":"user:3","metadata":null}],
         "result_info":{"count":1,"cursor":""}}""");

    List<KvKey> keys = namespaces().keys(ACCOUNT, NS)
        .listAll(KvKeyListParams.withPrefix("user:").withLimit(10)).stream().toList();

    assertThat(keys).extracting(KvKey::name).containsExactly("user:1", "user:2", "user:3");
    assertThat(keys.get(0).expiration()).isEqualTo(1893456000L);
    assertThat(keys.get(0).metadata().path("plan").asText()).isEqualTo("pro");
    assertThat(keys.get(1).metadata()).isNull();
    assertThat(keys.get(2).metadata()).isNull();
    assertThat(api.take().getPath()).isEqualTo(BASE + "/" + NS + "/keys?limit=10&prefix=user%3A");
    assertThat(api.take().getPath()).isEqualTo(BASE + "/" + NS + "/keys?limit=10&prefix=user%3A&cursor=c-2");
  }

  @Test
  void keyNamesAreUrlEncodedAsOnePathSegment() throws Exception {
    api.server().enqueue(new MockResponse().setHeader("Content-Type", "application/octet-stream").setBody("v"));
    api.ok("null");

    namespaces().values(ACCOUNT, NS).get("config/app settings/ü+?#%");
    namespaces().values(ACCOUNT, NS).delete("a/b");

    assertThat(api.take().getPath()).isEqualTo(BASE + "/" + NS + "/values/config%2Fapp%20settings%2F%C3%BC+%3F%23%25");
    RecordedRequest delete = api.take();
    assertThat(delete.getMethod() + " " + delete.getPath()).isEqualTo("DELETE " + BASE + "/" + NS + "/values/a%2Fb");
  }

  @Test
  void getReturnsTheRawBytesAndAMissingKeyStaysTyped() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    api.server().enqueue(new MockResponse().setHeader("Content-Type", "application/octet-stream").setBody(new Buffer().write(binary)));
    api.server().enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
        .setBody("{\"success\":false,\"errors\":[{\"code\":10009,\"message\":\"get: 'key not found'\"}],\"messages\":[],\"result\":null}"));

    assertThat(namespaces().values(ACCOUNT, NS).get("img")).isEqualTo(binary);
    assertThatThrownBy(() -> namespaces().values(ACCOUNT, NS).get("gone"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("key not found");
  }

  @Test
  void putWithoutMetadataSendsTheRawBytesAndTheExpirationAsQuery() throws Exception {
    api.ok("null");

    namespaces().values(ACCOUNT, NS).put("k", new byte[] {1, 2, 3}, KvWriteOptions.none().withExpirationTtl(120L));

    RecordedRequest put = api.take();
    assertThat(put.getMethod() + " " + put.getPath()).isEqualTo("PUT " + BASE + "/" + NS + "/values/k?expiration_ttl=120");
    assertThat(put.getHeader("Content-Type")).startsWith("application/octet-stream");
    assertThat(put.getBody().readByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void putWithMetadataSendsAMultipartFormWithValueAndMetadata() throws Exception {
    api.ok("null");

    namespaces().values(ACCOUNT, NS).put("k", "hello".getBytes(StandardCharsets.UTF_8),
        KvWriteOptions.none().withExpiration(1893456000L).withMetadata(JSON.readTree("{\"v\":1}")));

    RecordedRequest put = api.take();
    assertThat(put.getPath()).endsWith("/values/k?expiration=1893456000");
    assertThat(put.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = put.getBody().readUtf8();
    assertThat(body).contains("name=\"value\"\r\n\r\nhello\r\n").contains("name=\"metadata\"\r\n\r\n{\"v\":1}\r\n");
  }

  @Test
  void readsMetadataAndNullWhenThereIsNone() throws Exception {
    api.ok("{\"owner\":\"ops\"}");
    api.ok("null");

    assertThat(namespaces().metadata(ACCOUNT, NS).get("a").path("owner").asText()).isEqualTo("ops");
    assertThat(namespaces().metadata(ACCOUNT, NS).get("b")).isNull();
    assertThat(api.take().getPath()).isEqualTo(BASE + "/" + NS + "/metadata/a");
  }

  @Test
  void bulkWriteDeleteAndTheOlderDeleteVerb() throws Exception {
    api.ok("{\"successful_key_count\":2,\"unsuccessful_keys\":[]}");
    api.ok("{\"successful_key_count\":1,\"unsuccessful_keys\":[\"b\"]}");
    api.ok("null");

    KvBulkResult written = namespaces().bulk(ACCOUNT, NS).write(List.of(KvBulkEntry.text("a", "x").withExpirationTtl(60L),
        KvBulkEntry.binary("b", new byte[] {0, (byte) 0xff})));
    KvBulkResult deleted = namespaces().bulk(ACCOUNT, NS).delete(List.of("a", "b"));
    KvBulkResult legacy = namespaces().bulk(ACCOUNT, NS).deleteWithDeleteVerb(List.of("c"));

    assertThat(written.successfulKeyCount()).isEqualTo(2);
    assertThat(deleted.unsuccessfulKeys()).containsExactly("b");
    assertThat(legacy.successfulKeyCount()).isNull();
    RecordedRequest write = api.take();
    assertThat(write.getMethod() + " " + write.getPath()).isEqualTo("PUT " + BASE + "/" + NS + "/bulk");
    assertThat(JSON.readTree(write.getBody().readUtf8())).isEqualTo(JSON.readTree(
        "[{\"key\":\"a\",\"value\":\"x\",\"expiration_ttl\":60},{\"key\":\"b\",\"value\":\"AP8=\",\"base64\":true}]"));
    RecordedRequest delete = api.take();
    assertThat(delete.getMethod() + " " + delete.getPath()).isEqualTo("POST " + BASE + "/" + NS + "/bulk/delete");
    assertThat(delete.getBody().readUtf8()).isEqualTo("[\"a\",\"b\"]");
    RecordedRequest old = api.take();
    assertThat(old.getMethod() + " " + old.getPath()).isEqualTo("DELETE " + BASE + "/" + NS + "/bulk");
    assertThat(old.getBody().readUtf8()).isEqualTo("[\"c\"]");
  }

  @Test
  void bulkGetMapsEveryAskedKeyAndReadsMetadataWhenAsked() throws Exception {
    api.ok("{\"values\":{\"a\":{\"value\":\"1\",\"metadata\":{\"m\":true},\"expiration\":1893456000},\"b\":null}}");

    Map<String, KvBulkValue> values = namespaces().bulk(ACCOUNT, NS).get(List.of("a", "b"), true);

    assertThat(values.keySet()).containsExactly("a", "b");
    assertThat(values.get("a").text()).isEqualTo("1");
    assertThat(values.get("a").metadata().path("m").asBoolean()).isTrue();
    assertThat(values.get("a").expiration()).isEqualTo(1893456000L);
    assertThat(values.get("b")).isNull();
    RecordedRequest get = api.take();
    assertThat(get.getMethod() + " " + get.getPath()).isEqualTo("POST " + BASE + "/" + NS + "/bulk/get");
    assertThat(JSON.readTree(get.getBody().readUtf8()))
        .isEqualTo(JSON.readTree("{\"keys\":[\"a\",\"b\"],\"type\":\"text\",\"withMetadata\":true}"));
  }

  @Test
  void bulkEntryDecodesItsValueBytes() {
    assertThat(KvBulkEntry.binary("k", new byte[] {0, 1, (byte) 0xfe}).valueBytes()).containsExactly(0, 1, 0xfe);
    assertThat(KvBulkEntry.text("k", "é").valueBytes()).containsExactly(0xc3, 0xa9);
  }
}
