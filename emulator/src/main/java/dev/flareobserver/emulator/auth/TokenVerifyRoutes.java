package dev.flareobserver.emulator.auth;

import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.AuthPolicy;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.Router;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code GET /user/tokens/verify} and {@code GET /accounts/{account_id}/tokens/verify}.
 * A token of the other kind gets 401 with code 1000 "Invalid API Token": wrangler's whoami reads
 * that code on the user endpoint as "this is an account-owned token".
 */
public final class TokenVerifyRoutes {

    /** {@code iam_response_single_segment.result}. */
    record Verification(String id, String status, String notBefore, String expiresOn) {
    }

    public static final String USER_VERIFY = "/user/tokens/verify";
    public static final String ACCOUNT_VERIFY = "/accounts/{account_id}/tokens/verify";

    private TokenVerifyRoutes() {
    }

    public static void register(Router router) {
        router.add("GET", USER_VERIFY, AuthPolicy.ANY_TOKEN, TokenVerifyRoutes::verifyUserToken);
        router.add("GET", ACCOUNT_VERIFY, AuthPolicy.ANY_TOKEN, TokenVerifyRoutes::verifyAccountToken);
    }

    static Response verifyUserToken(RequestContext call) {
        Principal p = call.principal();
        if (p.kind() != Principal.Kind.USER_TOKEN) {
            throw Authenticator.invalidToken();
        }
        return answer(p);
    }

    static Response verifyAccountToken(RequestContext call) {
        Principal p = call.principal();
        if (p.kind() != Principal.Kind.ACCOUNT_TOKEN || !p.accountId().equals(call.pathParam("account_id"))) {
            throw Authenticator.invalidToken();
        }
        return answer(p);
    }

    private static Response answer(Principal p) {
        Verification v = new Verification(p.tokenId(), p.status().wire(), seconds(p.notBefore()), seconds(p.expiresOn()));
        // The live API adds this message to a successful verify of an active token.
        List<ApiError> messages = p.status() == TokenStatus.ACTIVE
                ? List.of(new ApiError(ApiError.AUTHENTICATION_ERROR, "This API Token is valid and active"))
                : List.of();
        return Envelope.success(v, messages);
    }

    private static String seconds(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
