package dev.flareobserver.api.d1;

import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.time.Instant;
import java.util.Objects;

/** {@code /accounts/{account_id}/d1/database/{database_id}/time_travel}: bookmarks and restore. */
public final class D1TimeTravelClient {
  private static final String TIME_TRAVEL = D1DatabasesClient.DATABASE_PATH + "/time_travel";

  private final HttpTransport transport;

  D1TimeTravelClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET .../bookmark}: the current bookmark, or with {@code at} the nearest one at or before it. */
  public D1Bookmark bookmark(String accountId, String databaseId, Instant at) {
    ApiRequest request = D1DatabasesClient.database(ApiRequest.get(TIME_TRAVEL + "/bookmark"), accountId, databaseId)
        .query("timestamp", at == null ? null : at.toString());
    return transport.execute(request, D1Bookmark.class).result();
  }

  /**
   * {@code POST .../restore?bookmark=...}: the database returns to that state (what happened since is undone, but
   * {@link D1Restore#previousBookmark()} can restore it). Not retried: a replay would move the bookmarks again.
   */
  public D1Restore restore(String accountId, String databaseId, String bookmark) {
    Objects.requireNonNull(bookmark, "bookmark");
    return restore(D1DatabasesClient.database(ApiRequest.post(TIME_TRAVEL + "/restore"), accountId, databaseId)
        .query("bookmark", bookmark));
  }

  /** {@code POST .../restore?timestamp=...}: to the state the database had at {@code at}. */
  public D1Restore restoreAt(String accountId, String databaseId, Instant at) {
    Objects.requireNonNull(at, "at");
    return restore(D1DatabasesClient.database(ApiRequest.post(TIME_TRAVEL + "/restore"), accountId, databaseId)
        .query("timestamp", at.toString()));
  }

  private D1Restore restore(ApiRequest request) {
    return transport.execute(request.idempotent(false), D1Restore.class).result();
  }
}
