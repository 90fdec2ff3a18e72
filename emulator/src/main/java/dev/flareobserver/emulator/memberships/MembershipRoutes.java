package dev.flareobserver.emulator.memberships;

import dev.flareobserver.emulator.accounts.AccountJson;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.Paging;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /memberships}: the user's account memberships (page/per_page 5..50, default 20;
 * {@code order} id|account.name|status, {@code direction}, {@code status}, {@code account.name}/{@code name}).
 * wrangler's whoami intersects this with {@code /accounts}, so every demo account has one.
 */
public final class MembershipRoutes {

    record MembershipJson(String id, AccountJson account, boolean apiAccessEnabled, String code,
                          Map<String, Permission> permissions, List<String> roles, String status) {
    }

    record Permission(boolean read, boolean write) {
    }

    private static final Set<String> STATUSES = Set.of("accepted", "pending", "rejected");
    private static final List<String> PERMISSION_AREAS = List.of("analytics", "billing", "cache_purge", "dns",
            "dns_records", "lb", "logs", "organization", "ssl", "waf", "zone_settings", "zones");

    private final MembershipStore memberships;

    public MembershipRoutes(MembershipStore memberships) {
        this.memberships = memberships;
    }

    public void register(Router router) {
        router.get("/memberships", this::list);
    }

    Response list(RequestContext call) {
        if (!call.principal().actsForUser()) {
            // What /memberships answers for account-owned tokens (wrangler fetch-accounts.ts); status unconfirmed.
            throw new ApiException(403, ApiError.AUTHENTICATION_FAILED, "Authentication failed");
        }
        Paging.PageRequest page = Paging.PageRequest.from(call, 5, 50, 20);
        String status = call.query("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badParameter("status", "must be accepted, pending or rejected");
        }
        String nameFilter = call.query("account.name") != null ? call.query("account.name") : call.query("name");
        String order = call.query("order");
        String direction = call.query("direction");
        if (direction != null && !direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw ApiException.badParameter("direction", "must be asc or desc");
        }
        Comparator<MembershipStore.MembershipRecord> comparator = comparator(order);
        if (comparator != null && "desc".equalsIgnoreCase(direction)) {
            comparator = comparator.reversed();
        }
        List<MembershipStore.MembershipRecord> all = memberships.forUser(call.principal().userId()).stream()
                .filter(m -> status == null || m.status().equals(status))
                .filter(m -> nameFilter == null
                        || m.account().name().toLowerCase(Locale.ROOT).contains(nameFilter.toLowerCase(Locale.ROOT)))
                .toList();
        if (comparator != null) {
            all = all.stream().sorted(comparator).toList();
        }
        Paging.Slice<MembershipStore.MembershipRecord> slice = page.slice(all);
        return Envelope.page(new Paging.Slice<>(slice.items().stream().map(MembershipRoutes::json).toList(), slice.info()));
    }

    private static Comparator<MembershipStore.MembershipRecord> comparator(String order) {
        if (order == null || order.isEmpty()) {
            return null;
        }
        return switch (order) {
            case "id" -> Comparator.comparing(MembershipStore.MembershipRecord::id);
            case "account.name" -> Comparator.comparing(m -> m.account().name().toLowerCase(Locale.ROOT));
            case "status" -> Comparator.comparing(MembershipStore.MembershipRecord::status);
            default -> throw ApiException.badParameter("order", "must be id, account.name or status");
        };
    }

    private static MembershipJson json(MembershipStore.MembershipRecord m) {
        boolean admin = m.roles().contains("Administrator") || m.roles().contains("Super Administrator - All Privileges");
        Map<String, Permission> permissions = new LinkedHashMap<>();
        for (String area : PERMISSION_AREAS) {
            permissions.put(area, new Permission(true, admin));
        }
        // "code" is the invitation code; accepted memberships keep one, derived here from the id.
        return new MembershipJson(m.id(), AccountJson.of(m.account()), true, m.id().substring(0, 16),
                permissions, m.roles(), m.status());
    }
}
