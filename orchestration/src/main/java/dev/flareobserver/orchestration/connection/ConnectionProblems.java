package dev.flareobserver.orchestration.connection;

import dev.flareobserver.transport.ApiMessage;
import dev.flareobserver.transport.AuthenticationException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.CloudflareConnectionException;
import dev.flareobserver.transport.CloudflareTimeoutException;
import dev.flareobserver.transport.InvalidConfigurationException;
import dev.flareobserver.transport.InvalidCredentialsException;
import dev.flareobserver.transport.PermissionDeniedException;
import dev.flareobserver.transport.RateLimitedException;
import dev.flareobserver.transport.Redactor;
import dev.flareobserver.transport.ResponseParseException;
import dev.flareobserver.transport.ServerErrorException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns whatever went wrong while connecting into a {@link ConnectionProblem} a person can act on.
 * The one place that knows the transport's exception types on behalf of the UI.
 */
public final class ConnectionProblems {

    /** Cloudflare's codes for "this token is not accepted". */
    private static final int[] AUTH_CODES = {1000, 6003, 6111, 9103, 9106, 9109, 10000, 10001};

    private ConnectionProblems() {
    }

    public static ConnectionProblem from(Throwable failure, ConnectionSettings settings) {
        String endpoint = settings == null ? "" : settings.baseUrl();
        String credential = settings == null ? "" : settings.credentialDescription();
        String envHint = settings != null && settings.isDemo()
                ? "The demo emulator may have stopped; Retry starts it again."
                : "";
        List<String> details = new ArrayList<>();
        details.add("Endpoint: " + endpoint);
        if (!credential.isEmpty()) {
            details.add("Credential: " + credential);
        }

        ConnectionProblem problem;
        if (failure instanceof InvalidCredentialsException e) {
            problem = new ConnectionProblem("The credential cannot be used", text(e), null);
        } else if (failure instanceof InvalidConfigurationException e) {
            problem = new ConnectionProblem("The API base URL cannot be used",
                    text(e) + " Check " + ConnectionSettings.ENV_BASE_URL
                            + ", or unset it to use " + ConnectionSettings.DEFAULT_BASE_URL + ".", null);
        } else if (failure instanceof RateLimitedException e) {
            String wait = e.retryAfter().map(d -> " Cloudflare asks to wait " + Math.max(1, d.toSeconds()) + " s.")
                    .orElse("");
            problem = new ConnectionProblem("Cloudflare's rate limit was reached",
                    "This token made too many requests in the last five minutes." + wait
                            + " Retry in a moment.", null);
            apiDetails(e, details);
        } else if (failure instanceof AuthenticationException
                || failure instanceof CloudflareApiException api && isAuthFailure(api)) {
            CloudflareApiException e = (CloudflareApiException) failure;
            String accountHint = e.hasErrorCode(1000) && settings != null && settings.preferredAccountId() == null
                    && !settings.isDemo()
                    ? " If it is an account API token, also set " + ConnectionSettings.ENV_ACCOUNT_ID + " to its account."
                    : "";
            problem = new ConnectionProblem("Cloudflare did not accept the API token",
                    "The token is wrong, expired or was revoked. Create a new one in the Cloudflare dashboard "
                            + "(My Profile › API Tokens) and set it in " + sourceName(settings) + "." + accountHint,
                    null);
            apiDetails(e, details);
        } else if (failure instanceof PermissionDeniedException e) {
            problem = new ConnectionProblem("The API token lacks a permission",
                    "Cloudflare recognised the token but it may not read this. Give the token at least "
                            + "\"Account Settings: Read\" (and the permissions of the pages you use).", null);
            apiDetails(e, details);
        } else if (failure instanceof ServerErrorException e) {
            problem = new ConnectionProblem("The Cloudflare API had a problem",
                    "It answered with HTTP " + e.httpStatus() + ". This is usually temporary; Retry in a moment.",
                    null);
            apiDetails(e, details);
        } else if (failure instanceof CloudflareApiException e && e.errors().isEmpty() && e.httpStatus() >= 300) {
            // An error status without Cloudflare's envelope: something else answers at this address.
            problem = new ConnectionProblem("The server does not answer like the Cloudflare API",
                    "It answered HTTP " + e.httpStatus() + " without a Cloudflare error. Check that "
                            + ConnectionSettings.ENV_BASE_URL + " points at the API (it ends in /client/v4). "
                            + envHint, null);
            apiDetails(e, details);
        } else if (failure instanceof CloudflareApiException e) {
            problem = new ConnectionProblem("Cloudflare refused the request", firstError(e), null);
            apiDetails(e, details);
        } else if (failure instanceof ResponseParseException e) {
            boolean html = e.contentType() != null && e.contentType().toLowerCase(Locale.ROOT).contains("html")
                    || e.bodySnippet() != null && e.bodySnippet().stripLeading().startsWith("<");
            problem = new ConnectionProblem(
                    html ? "The server answered with a web page, not the Cloudflare API"
                            : "The server's answer could not be read",
                    "The address " + endpoint + " does not behave like the Cloudflare API (it should end in "
                            + "/client/v4). Check " + ConnectionSettings.ENV_BASE_URL + ". " + envHint, null);
            details.add("HTTP status: " + e.httpStatus());
            if (e.contentType() != null) {
                details.add("Content type: " + e.contentType());
            }
            if (e.bodySnippet() != null && !e.bodySnippet().isEmpty()) {
                details.add("Body starts with: " + e.bodySnippet());
            }
        } else if (failure instanceof CloudflareTimeoutException e) {
            problem = new ConnectionProblem("The Cloudflare API did not answer in time",
                    "No answer from " + host(endpoint) + " before the time limit. Check the network (proxy, VPN, "
                            + "firewall) and Retry. " + envHint, null);
        } else if (failure instanceof CloudflareConnectionException e) {
            problem = new ConnectionProblem("Cannot reach the Cloudflare API",
                    reachability(e, endpoint) + " " + envHint, null);
        } else {
            problem = new ConnectionProblem("Connecting failed unexpectedly",
                    "Something went wrong that Flare Observer did not expect. Retry; if it persists, the "
                            + "details below help to report it.", null);
        }
        details.add("Error: " + chain(failure));
        return new ConnectionProblem(problem.title(), problem.message().strip(), Redactor.redact(String.join("\n", details)));
    }

    private static boolean isAuthFailure(CloudflareApiException e) {
        if (e.httpStatus() == 403) {
            // 403 with an authentication code means "not a valid token", not "missing a permission".
            return e.hasErrorCode(9106) || e.hasErrorCode(1000) || e.hasErrorCode(9103);
        }
        for (int code : AUTH_CODES) {
            if (e.hasErrorCode(code)) {
                return true;
            }
        }
        return false;
    }

    private static String reachability(CloudflareConnectionException e, String endpoint) {
        Throwable root = rootCause(e);
        String host = host(endpoint);
        if (root instanceof UnknownHostException) {
            return "The host name " + host + " could not be resolved. Check the address and the network (DNS).";
        }
        if (root instanceof ConnectException) {
            return "Nothing accepted the connection at " + host + " (connection refused). Check that the address is "
                    + "right and the service runs.";
        }
        if (root instanceof NoRouteToHostException) {
            return "There is no network route to " + host + ". Check the network connection.";
        }
        if (root instanceof SSLException) {
            return "The secure connection to " + host + " failed (TLS). A proxy may be intercepting it.";
        }
        return "The connection to " + host + " failed. Check the network and Retry.";
    }

    private static void apiDetails(CloudflareApiException e, List<String> details) {
        details.add("HTTP status: " + e.httpStatus());
        for (ApiMessage m : e.errors()) {
            details.add("Cloudflare error " + m.code() + ": " + m.message());
        }
        if (e.method() != null || e.redactedUrl() != null) {
            details.add("Request: " + (e.method() == null ? "" : e.method() + " ") + nullToEmpty(e.redactedUrl()));
        }
        if (e.cfRay() != null && !e.cfRay().isEmpty()) {
            details.add("cf-ray: " + e.cfRay());
        }
    }

    private static String firstError(CloudflareApiException e) {
        if (!e.errors().isEmpty()) {
            ApiMessage m = e.errors().get(0);
            return "Cloudflare said: " + m.message() + " (code " + m.code() + ", HTTP " + e.httpStatus() + ").";
        }
        return "Cloudflare answered HTTP " + e.httpStatus() + ".";
    }

    private static String sourceName(ConnectionSettings settings) {
        return settings == null || settings.tokenSource() == null ? ConnectionSettings.ENV_TOKEN : settings.tokenSource();
    }

    private static String text(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Messages of the exception and its causes, one line; never a stack trace. */
    static String chain(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        int depth = 0;
        while (t != null && depth++ < 5) {
            if (out.length() > 0) {
                out.append("\n  caused by: ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return out.toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String host(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (uri.getHost() != null) {
                return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            }
        } catch (IllegalArgumentException ignored) {
            // fall through: show the endpoint as given
        }
        return endpoint;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
