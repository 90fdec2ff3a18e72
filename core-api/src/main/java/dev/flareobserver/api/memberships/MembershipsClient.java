package dev.flareobserver.api.memberships;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Page;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.Pager;
import dev.flareobserver.transport.Pagers;
import java.util.List;

/** {@code /memberships}. */
public final class MembershipsClient {
  private static final TypeReference<List<Membership>> MEMBERSHIPS = new TypeReference<>() { };

  private final HttpTransport transport;

  public MembershipsClient(HttpTransport transport) {
    this.transport = transport;
  }

  /** {@code GET /memberships}: one page. */
  public Page<Membership> list(MembershipListParams params) {
    return Page.of(transport.execute(listRequest(params, params.page(), params.perPage()), MEMBERSHIPS));
  }

  public Page<Membership> list() {
    return list(MembershipListParams.defaults());
  }

  /** Every membership, fetched page by page as the pager is iterated; {@code params.page()} is ignored. */
  public Pager<Membership> listAll(MembershipListParams params) {
    int perPage = params.perPage() == null ? MembershipListParams.DEFAULT_PER_PAGE : params.perPage();
    return Pagers.pagePaginated(perPage, (page, size) -> transport.execute(listRequest(params, page, size), MEMBERSHIPS));
  }

  public Pager<Membership> listAll() {
    return listAll(MembershipListParams.defaults().withPerPage(50));
  }

  private static ApiRequest listRequest(MembershipListParams params, Integer page, Integer perPage) {
    return ApiRequest.get("/memberships")
        .query("page", page)
        .query("per_page", perPage)
        .query("account.name", params.accountName())
        .query("status", params.status() == null ? null : params.status().wireValue())
        .query("direction", params.direction() == null ? null : params.direction().wireValue());
  }
}
