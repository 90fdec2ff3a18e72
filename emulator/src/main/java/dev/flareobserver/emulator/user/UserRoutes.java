package dev.flareobserver.emulator.user;

import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;

import java.util.List;

/** {@code GET /user}: the user's details, as wrangler's whoami reads the e-mail from it. */
public final class UserRoutes {

    /** The user object (field names of the v4 {@code /user} result). */
    record UserJson(String id, String email, String firstName, String lastName, String username, String country,
                    String createdOn, String modifiedOn, boolean twoFactorAuthenticationEnabled,
                    boolean twoFactorAuthenticationLocked, boolean hasProZones, boolean hasBusinessZones,
                    boolean hasEnterpriseZones, boolean suspended, List<String> betas, List<Object> organizations) {
    }

    private final UserStore users;

    public UserRoutes(UserStore users) {
        this.users = users;
    }

    public void register(Router router) {
        router.get("/user", this::getUser);
    }

    Response getUser(RequestContext call) {
        if (!call.principal().actsForUser()) {
            // wrangler whoami expects 9109 here for account-owned tokens and then shows no e-mail.
            throw new ApiException(403, ApiError.UNAUTHORIZED_RESOURCE, "Unauthorized to access requested resource");
        }
        UserStore.UserRecord u = users.find(call.principal().userId())
                .orElseThrow(() -> new ApiException(403, ApiError.UNAUTHORIZED_RESOURCE,
                        "Unauthorized to access requested resource"));
        String username = u.email().substring(0, u.email().indexOf('@')).replaceAll("[^A-Za-z0-9]", "");
        return Envelope.success(new UserJson(u.id(), u.email(), u.firstName(), u.lastName(), username, "US",
                u.createdOn().toString(), u.modifiedOn().toString(), false, false, false, false, false, false,
                List.of(), List.of()));
    }
}
