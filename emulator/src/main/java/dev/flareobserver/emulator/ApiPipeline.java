package dev.flareobserver.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flareobserver.emulator.auth.Authenticator;
import dev.flareobserver.emulator.faults.FaultInjector;
import dev.flareobserver.emulator.faults.FaultRule;
import dev.flareobserver.emulator.graphql.GraphqlEndpoint;
import dev.flareobserver.emulator.http.ApiError;
import dev.flareobserver.emulator.http.ApiException;
import dev.flareobserver.emulator.http.Envelope;
import dev.flareobserver.emulator.http.RequestContext;
import dev.flareobserver.emulator.http.Response;
import dev.flareobserver.emulator.http.ResponseWriter;
import dev.flareobserver.emulator.http.Router;
import dev.flareobserver.emulator.ratelimit.RateLimiter;
import dev.flareobserver.emulator.stats.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to every request under {@code /client/v4}, in order: count it (stats, by route
 * template) -> injected fault, if one matches (before anything else, as a broken network or proxy
 * would act) -> rate limit per credential -> route (404 / 405) -> authenticate -> handler. Every API
 * answer carries {@code Ratelimit} and {@code Ratelimit-Policy}; failures use the v4 envelope.
 */
final class ApiPipeline implements HttpHandler {

    static final String PREFIX = "/client/v4";
    private static final Logger LOG = LoggerFactory.getLogger(ApiPipeline.class);

    private final Router router;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final GraphqlEndpoint graphql;
    private final RateLimiter graphqlLimiter;

    ApiPipeline(Router router, Authenticator authenticator, RateLimiter limiter, FaultInjector faults,
                RequestStats stats, GraphqlEndpoint graphql, RateLimiter graphqlLimiter) {
        this.router = router;
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.faults = faults;
        this.stats = stats;
        this.graphql = graphql;
        this.graphqlLimiter = graphqlLimiter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath();
        if (!raw.equals(PREFIX) && !raw.startsWith(PREFIX + "/")) {
            // e.g. "/client/v4x" or "/": not part of the API at all.
            ResponseWriter.write(exchange, noRoute());
            return;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = raw.length() == PREFIX.length() ? "/" : raw.substring(PREFIX.length());
        // The body stays on the connection until a handler reads it: R2 object uploads stream it to a file.
        RequestContext call = new RequestContext(method, path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), exchange.getRequestBody());
        Router.Resolution resolution = router.resolve(method, path);
        stats.record(method, templateOf(resolution));

        Optional<FaultRule> fault = faults.take(method, path);
        if (fault.isPresent()) {
            FaultRule f = fault.get();
            LOG.debug("Injecting {} fault into {} {}", f.kind().wire(), method, path);
            switch (f.kind()) {
                case RESET -> {
                    // Closing an exchange before sending headers closes the socket: the client reads EOF.
                    exchange.close();
                    return;
                }
                case LATENCY -> sleep(f.latencyMs());
                case MALFORMED_JSON -> {
                    Response real = serve(call, resolution);
                    byte[] cut = Arrays.copyOf(real.body(), Math.max(1, real.body().length / 2));
                    ResponseWriter.write(exchange, Response.json(200, cut));
                    return;
                }
                default -> {
                    ResponseWriter.write(exchange, faultResponse(f));
                    return;
                }
            }
        }
        ResponseWriter.write(exchange, serve(call, resolution));
    }

    private Response serve(RequestContext call, Router.Resolution resolution) {
        if (resolution instanceof Router.Found found && found.route().template().equals(GraphqlEndpoint.PATH)) {
            // GraphQL has its own budget (300 queries / 5 min per token) and does not spend the REST one.
            RateLimiter.Decision decision = graphqlLimiter.acquire(credentialKey(call));
            return decision.allowed() ? route(call, resolution) : graphql.rateLimited(decision.retryAfterSeconds());
        }
        RateLimiter.Decision decision = limiter.acquire(credentialKey(call));
        Response response;
        if (!decision.allowed()) {
            response = Envelope.failure(429, List.of(rateLimitError()))
                    .withHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        } else {
            response = route(call, resolution);
        }
        return response.withHeader("Ratelimit", decision.rateLimitHeader())
                .withHeader("Ratelimit-Policy", decision.policyHeader());
    }

    private Response route(RequestContext call, Router.Resolution resolution) {
        try {
            if (resolution instanceof Router.Found found) {
                call.bind(found);
                call.authenticate(authenticator.authenticate(call, found.route().auth()));
                return found.route().handler().handle(call);
            }
            if (resolution instanceof Router.MethodNotAllowed m) {
                // Code and wording unconfirmed; Cloudflare answers 405 for a known path with another method.
                return Envelope.failure(405, List.of(new ApiError(ApiError.METHOD_NOT_ALLOWED,
                                "Method " + call.method() + " not allowed for " + m.template())))
                        .withHeader("Allow", String.join(", ", m.allowed()));
            }
            return noRoute();
        } catch (ApiException e) {
            return Envelope.failure(e);
        } catch (UncheckedIOException e) {
            // The client went away while sending its body: nobody is left to read the answer.
            LOG.debug("Could not read the body of {} {}: {}", call.method(), call.path(), e.getCause().toString());
            return Envelope.failure(400, List.of(new ApiError(ApiError.BAD_PARAMETER,
                    "The request body could not be read")));
        } catch (RuntimeException e) {
            LOG.error("Emulator handler failed for {} {}", call.method(), call.path(), e);
            return Envelope.failure(500, List.of(new ApiError(ApiError.INTERNAL_ERROR,
                    "Internal emulator error: " + e.getClass().getSimpleName())));
        }
    }

    static Response noRoute() {
        return Envelope.failure(404, List.of(new ApiError(ApiError.NO_ROUTE, "No route for the URI")));
    }

    static ApiError rateLimitError() {
        // The v4 code on a rate-limit 429 is unconfirmed; 1015 is Cloudflare's "You are being rate limited".
        return new ApiError(ApiError.RATE_LIMITED, "You are being rate limited");
    }

    private Response faultResponse(FaultRule f) {
        return switch (f.kind()) {
            case RATE_LIMIT -> {
                int retry = f.retryAfterSeconds() == null ? 1 : f.retryAfterSeconds();
                yield Envelope.failure(f.status() == null ? 429 : f.status(),
                                f.errors() == null ? List.of(rateLimitError()) : f.errors())
                        .withHeader("Retry-After", Integer.toString(retry))
                        .withHeader("Ratelimit", "\"default\";r=0;t=" + retry)
                        .withHeader("Ratelimit-Policy", "\"default\";q=" + limiter.limit() + ";w=" + limiter.windowSeconds());
            }
            case HTML -> {
                int status = f.status() == null ? 502 : f.status();
                String title = status + " " + reason(status);
                yield withRetryAfter(Response.text(status, "text/html; charset=UTF-8",
                        "<!DOCTYPE html>\n<html>\n<head><title>" + title + "</title></head>\n<body>\n<center><h1>"
                                + title + "</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n"), f);
            }
            case API_ERROR -> withRetryAfter(Envelope.failure(f.status() == null ? 200 : f.status(),
                    f.errors() == null ? List.of(new ApiError(ApiError.INTERNAL_ERROR, "Internal error")) : f.errors()), f);
            default -> {
                int status = f.status() == null ? 500 : f.status();
                yield withRetryAfter(Envelope.failure(status,
                        f.errors() == null ? List.of(new ApiError(ApiError.INTERNAL_ERROR, reason(status))) : f.errors()), f);
            }
        };
    }

    private static Response withRetryAfter(Response r, FaultRule f) {
        return f.retryAfterSeconds() == null ? r : r.withHeader("Retry-After", Integer.toString(f.retryAfterSeconds()));
    }

    /**
     * The rate-limit bucket: the credential as sent (per token, as Cloudflare counts), or the
     * caller's absence of one. The value stays in memory and is never logged.
     */
    private static String credentialKey(RequestContext call) {
        String authorization = call.header("Authorization");
        if (authorization != null) {
            return "auth:" + authorization.trim();
        }
        String key = call.header("X-Auth-Key");
        if (key != null) {
            return "key:" + call.header("X-Auth-Email") + ":" + key;
        }
        return "anonymous";
    }

    private static String templateOf(Router.Resolution r) {
        if (r instanceof Router.Found f) {
            return f.route().template();
        }
        if (r instanceof Router.MethodNotAllowed m) {
            return m.template();
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 520 -> "Web Server Returned an Unknown Error";
            case 521 -> "Web Server Is Down";
            case 522 -> "Connection Timed Out";
            default -> "HTTP " + status;
        };
    }
}
