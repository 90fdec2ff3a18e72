package dev.flareobserver.emulator.http;

import com.sun.net.httpserver.Headers;
import dev.flareobserver.emulator.auth.Principal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API request as the handlers see it: path after {@code /client/v4}, params, query, caller. The body is
 * read when a handler first asks for it: as bytes ({@link #body()}, what most routes want) or, once, as a
 * stream ({@link #bodyStream()}, for R2 object uploads that must not be held in memory).
 */
public final class RequestContext {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final InputStream bodyStream;
    private byte[] body;
    private boolean streamTaken;
    private Map<String, String> pathParams = Map.of();
    private String template;
    private Principal principal;

    public RequestContext(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this(method, path, rawQuery, headers, body, null);
    }

    /** A request whose body is still on the connection: read on first use. */
    public RequestContext(String method, String path, String rawQuery, Headers headers, InputStream body) {
        this(method, path, rawQuery, headers, null, body);
    }

    private RequestContext(String method, String path, String rawQuery, Headers headers, byte[] body,
                           InputStream bodyStream) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
        this.bodyStream = bodyStream;
    }

    public String method() {
        return method;
    }

    /** The path after {@code /client/v4}, still percent-encoded, e.g. {@code /accounts/abc}. */
    public String path() {
        return path;
    }

    /** The matched route's template, e.g. {@code /accounts/{account_id}}; null before routing. */
    public String template() {
        return template;
    }

    /** A decoded path parameter of the matched route. */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("Route " + template + " has no parameter " + name);
        }
        return v;
    }

    /** First value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
        return headers.getFirst(name);
    }

    /** Every header, names as the server normalised them (compare them case-insensitively). */
    public Map<String, List<String>> headers() {
        return headers == null ? Map.of() : headers;
    }

    /**
     * The whole body; read from the connection on first use.
     *
     * @throws UncheckedIOException when the client goes away while sending it
     */
    public byte[] body() {
        if (body == null) {
            if (streamTaken) {
                throw new IllegalStateException("The body of " + method + " " + path + " was already streamed");
            }
            try {
                body = bodyStream == null ? new byte[0] : bodyStream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("The request body could not be read", e);
            }
        }
        return body;
    }

    /** The body as a stream, not held in memory; once per request (a handler that streams never calls {@link #body()}). */
    public InputStream bodyStream() {
        if (body != null) {
            return new ByteArrayInputStream(body);
        }
        if (streamTaken) {
            throw new IllegalStateException("The body of " + method + " " + path + " was already streamed");
        }
        streamTaken = true;
        return bodyStream == null ? InputStream.nullInputStream() : bodyStream;
    }

    /** The authenticated caller; the front sets it before any API handler runs. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("No authenticated caller for " + method + " " + path);
        }
        return principal;
    }

    /** Binds the matched route (called once by the request pipeline). */
    public void bind(Router.Found found) {
        this.template = found.route().template();
        this.pathParams = Map.copyOf(found.params());
    }

    /** Sets the authenticated caller (called once by the request pipeline). */
    public void authenticate(Principal principal) {
        this.principal = principal;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%' is kept literally rather than failing the whole request
        }
    }
}
