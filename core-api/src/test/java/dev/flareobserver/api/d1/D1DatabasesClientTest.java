package dev.flareobserver.api.d1;

import dev.flareobserver.api.MockApi;
import dev.flareobserver.transport.RetryPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.transport.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class D1DatabasesClientTest {
  private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
  private static final String DB = "6d1b3e10-2f7c-4b8e-9a55-0c1f3e8d2a71";

  @RegisterExtension
  final MockApi api = new MockApi(RetryPolicy.defaults());

  private void answer(int status, String result) {
    api.answer(status, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}");
  }

  @Test
  void listAllPagesThroughTheDatabasesWithTheNameFilter() throws Exception {
    api.server().enqueue(new MockResponse().setBody("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
        + "{\"uuid\":\"a\",\"name\":\"shop\",\"created_at\":\"2024-01-02T03:04:05.123Z\",\"version\":\"production\"}],"
        + "\"result_info\":{\"page\":1,\"per_page\":1,\"count\":1,\"total_count\":2}}"));
    api.server().enqueue(new MockResponse().setBody("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
        + "{\"uuid\":\"b\",\"name\":\"shop-eu\"}],\"result_info\":{\"page\":2,\"per_page\":1,\"count\":1,\"total_count\":2}}"));

    List<D1Database> all = api.client().d1().databases()
        .listAll(ACCOUNT, D1DatabaseListParams.defaults().withPerPage(10).withName("shop")).stream().toList();

    assertThat(all).extracting(D1Database::name).containsExactly("shop", "shop-eu");
    assertThat(all.get(0).createdAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
    assertThat(api.server().takeRequest().getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT + "/d1/database?page=1&per_page=10&name=shop");
    assertThat(api.server().takeRequest().getPath()).contains("page=2");
  }

  @Test
  void perPageOutsideTheDocumentedRangeFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> D1DatabaseListParams.defaults().withPerPage(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 and 10000");
    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void createSendsTheNameAndLocationHint() throws Exception {
    answer(200, "{\"uuid\":\"" + DB + "\",\"name\":\"orders\",\"version\":\"production\"}");

    D1Database created = api.client().d1().databases().create(ACCOUNT, "orders", D1LocationHint.WEUR);

    assertThat(created.uuid()).isEqualTo(DB);
    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"name\":\"orders\",\"primary_location_hint\":\"weur\"}");
  }

  @Test
  void rawRowsKeepOrderTypesDuplicatesAndBlobs() throws Exception {
    answer(200, "[{\"results\":{\"columns\":[\"id\",\"id\",\"price\",\"name\",\"note\",\"data\",\"big\"],"
        + "\"rows\":[[1,2,9.5,\"caf\\u00e9\",null,[0,255,16],12345678901234567890],[3,4,0.0,\"x\",null,[],7]]},"
        + "\"success\":true,\"meta\":{\"duration\":0.25,\"rows_read\":2,\"rows_written\":0,\"changes\":0,"
        + "\"last_row_id\":0,\"changed_db\":false,\"size_after\":8192,\"served_by_primary\":true}}]");

    List<D1RawResult> results = api.client().d1().databases().raw(ACCOUNT, DB, "SELECT * FROM t WHERE id > ?", List.of("0"));

    D1Rows rows = results.get(0).results();
    assertThat(rows.columns()).containsExactly("id", "id", "price", "name", "note", "data", "big");
    assertThat(rows.rows()).hasSize(2);
    Object[] first = rows.rows().get(0);
    assertThat(first[0]).isEqualTo(1L);
    assertThat(first[1]).isEqualTo(2L);
    assertThat(first[2]).isEqualTo(9.5);
    assertThat(first[3]).isEqualTo("café");
    assertThat(first[4]).isNull();
    assertThat((byte[]) first[5]).containsExactly((byte) 0, (byte) 255, (byte) 16);
    assertThat(first[6]).isEqualTo(12345678901234567890d);
    assertThat(results.get(0).meta().rowsRead()).isEqualTo(2L);
    assertThat(results.get(0).meta().sizeAfter()).isEqualTo(8192L);
    RecordedRequest request = api.server().takeRequest();
    assertThat(request.getPath()).isEqualTo("/client/v4/accounts/" + ACCOUNT + "/d1/database/" + DB + "/raw");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"sql\":\"SELECT * FROM t WHERE id > ?\",\"params\":[\"0\"]}");
  }

  @Test
  void queryReadsOneResultPerStatement() throws Exception {
    answer(200, "[{\"results\":[],\"success\":true,\"meta\":{\"changes\":1,\"last_row_id\":42,\"changed_db\":true}},"
        + "{\"results\":[{\"n\":1}],\"success\":true,\"meta\":{\"rows_read\":1}}]");

    List<D1QueryResult> results = api.client().d1().databases().query(ACCOUNT, DB, "INSERT INTO t VALUES (1); SELECT 1 AS n",
        List.of());

    assertThat(results).hasSize(2);
    assertThat(results.get(0).meta().lastRowId()).isEqualTo(42L);
    assertThat(results.get(1).results()).containsExactly(java.util.Map.of("n", 1));
    assertThat(api.server().takeRequest().getBody().readUtf8()).doesNotContain("params");
  }

  @Test
  void anSqlErrorBecomesABadRequestWithCloudflaresMessage() {
    api.server().enqueue(new MockResponse().setResponseCode(400).setBody("{\"success\":false,\"errors\":[{\"code\":7500,"
        + "\"message\":\"near \\\"SELEC\\\": syntax error at offset 0: SQLITE_ERROR\"}],\"messages\":[],\"result\":null}"));

    assertThatThrownBy(() -> api.client().d1().databases().query(ACCOUNT, DB, "SELEC 1", null))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("near \"SELEC\": syntax error at offset 0: SQLITE_ERROR")
        .satisfies(e -> assertThat(((BadRequestException) e).hasErrorCode(7500)).isTrue());
  }

  @Test
  void exportPollsWithTheBookmarkAndDownloadsWithoutTheToken() throws Exception {
    api.server().enqueue(new MockResponse().setResponseCode(202).setBody("{\"success\":true,\"errors\":[],\"messages\":[],"
        + "\"result\":{\"type\":\"export\",\"success\":true,\"status\":\"active\",\"at_bookmark\":\"bm-1\","
        + "\"messages\":[\"Generating shop.sql\"]}}"));
    URI signed = api.server().url("/exports/shop.sql?signature=abc").uri();
    answer(200, "{\"type\":\"export\",\"success\":true,\"status\":\"complete\",\"at_bookmark\":\"bm-1\","
        + "\"messages\":[\"Uploaded part 1\"],\"result\":{\"filename\":\"shop.sql\",\"signed_url\":\"" + signed + "\"}}");
    api.server().enqueue(new MockResponse().setBody("CREATE TABLE t(x);\n"));

    D1ExportStatus first = api.client().d1().databases().export(ACCOUNT, DB, D1ExportOptions.everything(), null);
    D1ExportStatus done = api.client().d1().databases().export(ACCOUNT, DB, D1ExportOptions.everything(), first.atBookmark());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> seen = new ArrayList<>();
    api.client().d1().databases().download(done.result().signedUrl(), out, (bytes, total) -> seen.add(bytes));

    assertThat(first.status()).isEqualTo(D1ExportStatus.ACTIVE);
    assertThat(first.messages()).containsExactly("Generating shop.sql");
    assertThat(done.isComplete()).isTrue();
    assertThat(done.toString()).doesNotContain("signature");
    assertThat(out.toString()).isEqualTo("CREATE TABLE t(x);\n");
    assertThat(seen).last().isEqualTo(19L);
    assertThat(api.server().takeRequest().getBody().readUtf8()).isEqualTo("{\"output_format\":\"polling\",\"dump_options\":{}}");
    assertThat(api.server().takeRequest().getBody().readUtf8()).contains("\"current_bookmark\":\"bm-1\"");
    RecordedRequest download = api.server().takeRequest();
    assertThat(download.getPath()).isEqualTo("/exports/shop.sql?signature=abc");
    assertThat(download.getHeader("Authorization")).isNull();
  }

  @Test
  void aFailedDownloadSaysSo() {
    api.server().enqueue(new MockResponse().setResponseCode(403).setBody("expired"));

    assertThatThrownBy(() -> api.client().d1().databases().download(api.server().url("/x.sql").uri(), new ByteArrayOutputStream(),
        (b, t) -> { })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("HTTP 403");
  }

  @Test
  void timeTravelSendsTheTimestampAndBookmarkAsQueryParameters() throws Exception {
    answer(200, "{\"bookmark\":\"00000002-00000000-00000000-aa\"}");
    answer(200, "{\"bookmark\":\"00000004-00000000-00000000-cc\",\"previous_bookmark\":\"00000003-00000000-00000000-bb\","
        + "\"message\":\"Restored\"}");

    D1Bookmark bookmark = api.client().d1().databases().timeTravel()
        .bookmark(ACCOUNT, DB, Instant.parse("2026-01-02T03:04:05Z"));
    D1Restore restore = api.client().d1().databases().timeTravel().restore(ACCOUNT, DB, bookmark.bookmark());

    assertThat(restore.previousBookmark()).isEqualTo("00000003-00000000-00000000-bb");
    assertThat(api.server().takeRequest().getPath()).endsWith("/d1/database/" + DB
        + "/time_travel/bookmark?timestamp=2026-01-02T03%3A04%3A05Z");
    RecordedRequest post = api.server().takeRequest();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).endsWith("/time_travel/restore?bookmark=00000002-00000000-00000000-aa");
  }

  @Test
  void aMissingDatabaseIdFailsBeforeAnyRequest() {
    assertThatThrownBy(() -> api.client().d1().databases().get(ACCOUNT, " ")).hasMessageContaining("database_id");
    assertThat(api.server().getRequestCount()).isZero();
  }

  @Test
  void unknownRawValuesAreKeptAsJson() throws Exception {
    answer(200, "[{\"results\":{\"columns\":[\"j\"],\"rows\":[[{\"a\":1}],[[1,2,300]]]}}]");
    List<D1RawResult> results = api.client().d1().databases().raw(ACCOUNT, DB, "SELECT j", List.of());
    assertThat(results.get(0).results().rows().get(0)[0]).isInstanceOf(JsonNode.class);
    assertThat(results.get(0).results().rows().get(1)[0]).isInstanceOf(JsonNode.class);
  }
}
