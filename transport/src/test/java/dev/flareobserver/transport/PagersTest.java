package dev.flareobserver.transport;

import static dev.flareobserver.transport.TestSupport.json;
import static dev.flareobserver.transport.TestSupport.transportFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagersTest {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

  private MockWebServer server;
  private HttpTransport transport;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    transport = transportFor(server).build();
  }

  @AfterEach
  void stop() throws IOException {
    transport.close();
    server.shutdown();
  }

  private static String items(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(i -> "\"i" + i + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  private static String page(int from, int count, String resultInfo) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + items(from, count)
        + ",\"result_info\":" + resultInfo + "}";
  }

  private Pager<String> accounts() {
    return Pagers.pagePaginated(2, (page, perPage) -> transport.execute(
        ApiRequest.get("/accounts").query("page", page).query("per_page", perPage), STRINGS));
  }

  @Test
  void pagePagerLoadsNothingUntilIteratedAndStopsAtTotalCount() throws Exception {
    server.enqueue(json(200, page(0, 2, "{\"page\":1,\"per_page\":2,\"count\":2,\"total_count\":5}")));
    server.enqueue(json(200, page(2, 2, "{\"page\":2,\"per_page\":2,\"count\":2,\"total_count\":5}")));
    server.enqueue(json(200, page(4, 1, "{\"page\":3,\"per_page\":2,\"count\":1,\"total_count\":5}")));

    Pager<String> pager = accounts();
    assertThat(server.getRequestCount()).isZero();

    Iterator<String> iterator = pager.iterator();
    assertThat(iterator.next()).isEqualTo("i0");
    assertThat(server.getRequestCount()).isEqualTo(1);

    List<String> rest = new java.util.ArrayList<>();
    iterator.forEachRemaining(rest::add);
    assertThat(rest).containsExactly("i1", "i2", "i3", "i4");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(server.takeRequest().getPath()).isEqualTo("/client/v4/accounts?page=1&per_page=2");
  }

  @Test
  void eachIterationStartsAgainFromTheFirstPage() {
    server.enqueue(json(200, page(0, 1, "{\"page\":1,\"per_page\":2,\"count\":1}")));
    server.enqueue(json(200, page(0, 1, "{\"page\":1,\"per_page\":2,\"count\":1}")));
    Pager<String> pager = accounts();

    assertThat(pager.stream().toList()).containsExactly("i0");
    assertThat(pager.stream().toList()).containsExactly("i0");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void pagePagerStopsAtTotalPagesWithoutAnExtraRequest() {
    server.enqueue(json(200, page(0, 2, "{\"page\":1,\"per_page\":2,\"total_pages\":2}")));
    server.enqueue(json(200, page(2, 2, "{\"page\":2,\"per_page\":2,\"total_pages\":2}")));

    assertThat(accounts()).containsExactly("i0", "i1", "i2", "i3");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void pagePagerStopsAtAnEmptyPageWhenNoTotalsAreGiven() {
    server.enqueue(json(200, page(0, 2, "{\"page\":1,\"per_page\":2}")));
    server.enqueue(json(200, page(0, 0, "{\"page\":2,\"per_page\":2}")));

    assertThat(accounts()).containsExactly("i0", "i1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void streamLimitFetchesOnlyTheNeededPages() {
    server.enqueue(json(200, page(0, 2, "{\"page\":1,\"per_page\":2,\"total_count\":100}")));

    assertThat(accounts().stream().limit(2).toList()).containsExactly("i0", "i1");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cursorPagerFollowsCursorUntilEmpty() throws Exception {
    server.enqueue(json(200, page(0, 2, "{\"count\":2,\"cursor\":\"c2\"}")));
    server.enqueue(json(200, page(2, 2, "{\"count\":2,\"cursor\":\"\"}")));

    Pager<String> keys = Pagers.cursorPaginated(cursor -> transport.execute(
        ApiRequest.get("/keys").query("cursor", cursor), STRINGS));
    assertThat(server.getRequestCount()).isZero();

    assertThat(keys).containsExactly("i0", "i1", "i2", "i3");
    assertThat(server.takeRequest().getPath()).isEqualTo("/client/v4/keys");
    assertThat(server.takeRequest().getPath()).isEqualTo("/client/v4/keys?cursor=c2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void pageTokenPagerUsesNextPageToken() throws Exception {
    server.enqueue(json(200, page(0, 1, "{\"per_page\":1,\"next_page_token\":\"t2\"}")));
    server.enqueue(json(200, page(1, 1, "{\"per_page\":1,\"page_token\":\"t2\",\"next_page_token\":\"t3\"}")));
    server.enqueue(json(200, page(2, 1, "{\"per_page\":1,\"page_token\":\"t3\"}")));

    Pager<String> apps = Pagers.pageTokenPaginated(token -> transport.execute(
        ApiRequest.get("/containers/applications").query("page_token", token), STRINGS));
    assertThat(server.getRequestCount()).isZero();

    assertThat(apps.stream().toList()).containsExactly("i0", "i1", "i2");
    server.takeRequest();
    assertThat(server.takeRequest().getPath()).endsWith("page_token=t2");
    assertThat(server.takeRequest().getPath()).endsWith("page_token=t3");
  }

  @Test
  void cursorPagerStopsWhenTheServerRepeatsACursor() {
    int[] calls = {0};
    Pager<String> looping = Pagers.cursorPaginated(cursor -> {
      calls[0]++;
      return new ApiResult<>(List.of("x"), new ResultInfo(null, null, 1, null, null, "same", null, null),
          List.of(), 200, null);
    });

    assertThat(looping).containsExactly("x", "x");
    assertThat(calls[0]).isEqualTo(2);
  }
}
