package dev.flareobserver.api.d1;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code /accounts/{account_id}/d1/database}. */
public final class D1DatabasesClient {
  private static final TypeReference<List<D1Database>> DATABASES = new TypeReference<>() { };
  private static final TypeReference<List<D1QueryResult>> QUERY_RESULTS = new TypeReference<>() { };
  private static final TypeReference<List<D1RawResult>> RAW_RESULTS = new TypeReference<>() { };
  static final String DATABASES_PATH = "/accounts/{account_id}/d1/database";
  static final String DATABASE_PATH = DATABASES_PATH + "/{database_id}";

  private final HttpTransport transport;
  private final D1TimeTravelClient timeTravel;

  D1DatabasesClient(HttpTransport transport) {
    this.transport = transport;
    this.timeTravel = new D1TimeTravelClient(transport);
  }

  /** Told how far a download is: bytes so far and the total, or -1 when the server did not say. */
  @FunctionalInterface
  public interface DownloadProgress {
    /** May throw (e.g. {@link java.util.concurrent.CancellationException}) to stop the download. */
    void update(long bytes, long total);
  }

  /** {@code GET .../d1/database}: one page. */
  public Page<D1Database> list(String accountId, D1DatabaseListParams params) {
    Requests.requirePathParam("account_id", accountId);
    return Page.of(transport.execute(listRequest(accountId, params, params.page(), params.perPage()), DATABASES));
  }

  /** Every database, fetched page by page as the pager is iterated; {@code params.page()} is ignored. */
  public Pager<D1Database> listAll(String accountId, D1DatabaseListParams params) {
    Requests.requirePathParam("account_id", accountId);
    int perPage = params.perPage() == null ? D1DatabaseListParams.DEFAULT_PER_PAGE : params.perPage();
    return Pagers.pagePaginated(perPage, (page, size) ->
        transport.execute(listRequest(accountId, params, page, size), DATABASES));
  }

  /**
   * {@code POST .../d1/database} with {@code {name, primary_location_hint}} ({@code hint} may be null: placed near
   * the caller). Not retried: a replay after a lost answer would fail as "already exists".
   */
  public D1Database create(String accountId, String name, D1LocationHint hint) {
    Requests.requirePathParam("account_id", accountId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", Objects.requireNonNull(name, "name"));
    if (hint != null && hint != D1LocationHint.UNKNOWN) {
      body.put("primary_location_hint", hint.wireValue());
    }
    ApiRequest request = ApiRequest.post(DATABASES_PATH).pathParam("account_id", accountId).jsonBody(body)
        .idempotent(false);
    return transport.execute(request, D1Database.class).result();
  }

  /** {@code GET .../d1/database/{database_id}}: with the file size and the number of tables. */
  public D1Database get(String accountId, String databaseId) {
    return transport.execute(database(ApiRequest.get(DATABASE_PATH), accountId, databaseId), D1Database.class)
        .result();
  }

  /** {@code DELETE .../d1/database/{database_id}}: the database and its data are gone. */
  public void delete(String accountId, String databaseId) {
    transport.execute(database(ApiRequest.delete(DATABASE_PATH), accountId, databaseId), Object.class);
  }

  /**
   * {@code POST .../query} with {@code {sql, params}}: one result per statement, rows as objects. Several
   * statements run as one batch; {@code params} bind to {@code ?} in order. Not retried (a statement may write).
   */
  public List<D1QueryResult> query(String accountId, String databaseId, String sql, List<String> params) {
    List<D1QueryResult> results = transport.execute(sqlRequest("/query", accountId, databaseId, sql, params),
        QUERY_RESULTS).result();
    return results == null ? List.of() : results;
  }

  /** {@code POST .../raw}: like {@link #query} with rows as arrays, columns in order (compact for large results). */
  public List<D1RawResult> raw(String accountId, String databaseId, String sql, List<String> params) {
    List<D1RawResult> results = transport.execute(sqlRequest("/raw", accountId, databaseId, sql, params),
        RAW_RESULTS).result();
    return results == null ? List.of() : results;
  }

  /**
   * One call of the export polling flow ({@code POST .../export}, {@code output_format: "polling"}): the first
   * call ({@code currentBookmark} null) starts the dump, later ones pass {@link D1ExportStatus#atBookmark()}.
   * Cloudflare cancels an export that is not polled.
   */
  public D1ExportStatus export(String accountId, String databaseId, D1ExportOptions options, String currentBookmark) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("output_format", "polling");
    if (options != null) {
      body.put("dump_options", options);
    }
    if (currentBookmark != null) {
      body.put("current_bookmark", currentBookmark);
    }
    ApiRequest request = database(ApiRequest.post(DATABASE_PATH + "/export"), accountId, databaseId)
        .jsonBody(body).idempotent(false);
    return transport.execute(request, D1ExportStatus.class).result();
  }

  /**
   * Downloads a finished export from its signed URL into {@code out}, streaming. The URL is its own credential:
   * no Cloudflare token is sent with it (it points at storage, not at the API).
   *
   * @throws UncheckedIOException when the URL cannot be read or answers other than 2xx
   */
  public void download(URI signedUrl, OutputStream out, DownloadProgress progress) {
    Objects.requireNonNull(signedUrl, "signedUrl");
    String scheme = signedUrl.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("The export URL is not an http(s) URL");
    }
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) signedUrl.toURL().openConnection();
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(60_000);
      int status = connection.getResponseCode();
      if (status < 200 || status >= 300) {
        throw new IOException("the export download answered HTTP " + status);
      }
      long total = connection.getContentLengthLong();
      long done = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = connection.getInputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          done += n;
          progress.update(done, total);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not download the export: " + e.getMessage(), e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** {@code .../d1/database/{database_id}/time_travel}. */
  public D1TimeTravelClient timeTravel() {
    return timeTravel;
  }

  private static ApiRequest sqlRequest(String suffix, String accountId, String databaseId, String sql,
      List<String> params) {
    Objects.requireNonNull(sql, "sql");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sql", sql);
    if (params != null && !params.isEmpty()) {
      body.put("params", List.copyOf(params));
    }
    return database(ApiRequest.post(DATABASE_PATH + suffix), accountId, databaseId).jsonBody(body)
        .idempotent(false);
  }

  static ApiRequest database(ApiRequest request, String accountId, String databaseId) {
    Requests.requirePathParam("account_id", accountId);
    Requests.requirePathParam("database_id", databaseId);
    return request.pathParam("account_id", accountId).pathParam("database_id", databaseId);
  }

  private static ApiRequest listRequest(String accountId, D1DatabaseListParams params, Integer page,
      Integer perPage) {
    return ApiRequest.get(DATABASES_PATH)
        .pathParam("account_id", accountId)
        .query("page", page)
        .query("per_page", perPage)
        .query("name", params.name());
  }
}
