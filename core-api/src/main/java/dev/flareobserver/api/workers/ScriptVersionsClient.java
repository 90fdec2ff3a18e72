package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/** {@code /accounts/{account_id}/workers/scripts/{script_name}/versions} for one script. */
public final class ScriptVersionsClient {
  public static final int DEFAULT_PER_PAGE = 50;

  private final HttpTransport transport;
  private final String accountId;
  private final String scriptName;

  ScriptVersionsClient(HttpTransport transport, String accountId, String scriptName) {
    this.transport = transport;
    this.accountId = accountId;
    this.scriptName = scriptName;
  }

  /** One page, newest first as Cloudflare orders them; {@code page} counts from 1. */
  public Page<WorkerVersion> list(int page, int perPage) {
    Requests.requireRange("page", page, 1, Integer.MAX_VALUE);
    Requests.requireRange("per_page", perPage, 1, 1000);
    return Page.of(fetch(page, perPage));
  }

  public Page<WorkerVersion> list() {
    return list(1, DEFAULT_PER_PAGE);
  }

  /** Every version, page by page as the pager is iterated. */
  public Pager<WorkerVersion> listAll() {
    return Pagers.pagePaginated(DEFAULT_PER_PAGE, this::fetch);
  }

  /** {@code GET .../versions/{version_id}}: with {@code resources}. */
  public WorkerVersion get(String versionId) {
    Requests.requirePathParam("version_id", versionId);
    return transport.execute(ScriptsClient.script(ApiRequest.get(ScriptsClient.SCRIPT + "/versions/{version_id}"),
        accountId, scriptName).pathParam("version_id", versionId), WorkerVersion.class).result();
  }

  private ApiResult<List<WorkerVersion>> fetch(int page, int perPage) {
    ApiResult<Items> result = transport.execute(ScriptsClient.script(ApiRequest.get(ScriptsClient.SCRIPT + "/versions"),
        accountId, scriptName).query("page", page).query("per_page", perPage), Items.class);
    List<WorkerVersion> items = result.result() == null || result.result().items() == null
        ? List.of() : result.result().items();
    return new ApiResult<>(items, result.resultInfo(), result.messages(), result.httpStatus(), result.cfRay());
  }

  /** The list's {@code result} is an object wrapping the page's items. */
  private record Items(@JsonProperty("items") List<WorkerVersion> items) {
  }
}
