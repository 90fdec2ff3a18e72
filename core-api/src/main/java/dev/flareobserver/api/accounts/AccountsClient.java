package dev.flareobserver.api.accounts;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.api.Requests;
import dev.flareobserver.api.SortDirection;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/** {@code /accounts}. */
public final class AccountsClient {
  private static final TypeReference<Account> ACCOUNT = new TypeReference<>() { };
  private static final TypeReference<List<Account>> ACCOUNTS = new TypeReference<>() { };

  private final HttpTransport transport;
  private final AccountTokensClient tokens;

  public AccountsClient(HttpTransport transport) {
    this.transport = transport;
    this.tokens = new AccountTokensClient(transport);
  }

  /** {@code GET /accounts}: one page. */
  public Page<Account> list(AccountListParams params) {
    return Page.of(transport.execute(listRequest(params, params.page(), params.perPage()), ACCOUNTS));
  }

  public Page<Account> list() {
    return list(AccountListParams.defaults());
  }

  /** Every account, fetched page by page as the pager is iterated; {@code params.page()} is ignored. */
  public Pager<Account> listAll(AccountListParams params) {
    int perPage = params.perPage() == null ? AccountListParams.DEFAULT_PER_PAGE : params.perPage();
    return Pagers.pagePaginated(perPage, (page, size) ->
        transport.execute(listRequest(params, page, size), ACCOUNTS));
  }

  public Pager<Account> listAll() {
    return listAll(AccountListParams.defaults().withPerPage(50));
  }

  /** {@code GET /accounts/{account_id}}. */
  public Account get(String accountId) {
    Requests.requirePathParam("account_id", accountId);
    return transport.execute(ApiRequest.get("/accounts/{account_id}").pathParam("account_id", accountId), ACCOUNT)
        .result();
  }

  public AccountTokensClient tokens() {
    return tokens;
  }

  private static ApiRequest listRequest(AccountListParams params, Integer page, Integer perPage) {
    SortDirection direction = params.direction();
    return ApiRequest.get("/accounts")
        .query("page", page)
        .query("per_page", perPage)
        .query("name", params.name())
        .query("direction", direction == null ? null : direction.wireValue());
  }
}
