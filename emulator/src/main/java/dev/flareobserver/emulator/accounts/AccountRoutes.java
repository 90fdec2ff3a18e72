package dev.flareobserver.emulator.accounts;

import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Paging;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.state.Ids;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code GET /accounts} (page/per_page 5..50, default 20; name, direction) and {@code GET /accounts/{account_id}}. */
public final class AccountRoutes {

    private final AccountStore accounts;

    public AccountRoutes(AccountStore accounts) {
        this.accounts = accounts;
    }

    public void register(Router router) {
        router.get("/accounts", this::list);
        router.get("/accounts/{account_id}", this::get);
    }

    Response list(RequestContext call) {
        Paging.PageRequest page = Paging.PageRequest.from(call, 5, 50, 20);
        String direction = direction(call);
        String name = call.query("name");
        List<AccountStore.AccountRecord> visible = accounts.visibleTo(call.principal()).stream()
                // Substring match, case-insensitive: unconfirmed (the spec only says "Name of the account").
                .filter(a -> name == null || a.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        if (direction != null) {
            // With a direction the list is ordered by name; without one, in creation order (unconfirmed).
            Comparator<AccountStore.AccountRecord> byName =
                    Comparator.comparing(a -> a.name().toLowerCase(Locale.ROOT));
            visible = visible.stream().sorted("desc".equals(direction) ? byName.reversed() : byName).toList();
        }
        Paging.Slice<AccountStore.AccountRecord> slice = page.slice(visible);
        return Envelope.page(new Paging.Slice<>(slice.items().stream().map(AccountJson::of).toList(), slice.info()));
    }

    Response get(RequestContext call) {
        String id = call.pathParam("account_id");
        return Envelope.success(AccountJson.of(visibleAccount(call, id)));
    }

    /**
     * The account if the caller may see it. Unconfirmed statuses: a malformed id is 404/7003 (Cloudflare
     * answers "Could not route to ..., perhaps your object identifier is invalid?"), a well-formed id the
     * caller cannot see is 403/9109.
     */
    public AccountStore.AccountRecord visibleAccount(RequestContext call, String id) {
        if (!Ids.isIdentifier(id)) {
            throw new ApiException(404, ApiError.NO_ROUTE,
                    "Could not route to " + call.path() + ", perhaps your object identifier is invalid?");
        }
        return accounts.visibleTo(call.principal()).stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(403, ApiError.UNAUTHORIZED_RESOURCE,
                        "Unauthorized to access requested resource"));
    }

    static String direction(RequestContext call) {
        String d = call.query("direction");
        if (d == null || d.isEmpty()) {
            return null;
        }
        String lower = d.toLowerCase(Locale.ROOT);
        if (!lower.equals("asc") && !lower.equals("desc")) {
            throw ApiException.badParameter("direction", "must be asc or desc");
        }
        return lower;
    }
}
