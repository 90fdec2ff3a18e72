package dev.flareobserver.emulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps method + path template ({@code /accounts/{account_id}}) to a handler. Features register
 * their routes here; the front asks {@link #resolve} once per request. A literal segment beats a
 * parameter where both match, so {@code /user/tokens/verify} wins over a future {@code /user/tokens/{id}}.
 * A last segment {@code {name+}} takes the rest of the path, slashes included: R2 object keys such as
 * {@code images/logo.png}, which wrangler sends unencoded.
 */
public final class Router {

    public record Route(String method, String template, AuthPolicy auth, Handler handler, List<String> segments) {
        int literalCount() {
            return (int) segments.stream().filter(s -> !isParam(s)).count();
        }
    }

    public sealed interface Resolution permits Found, MethodNotAllowed, NotFound {
    }

    public record Found(Route route, Map<String, String> params) implements Resolution {
    }

    public record MethodNotAllowed(String template, Set<String> allowed) implements Resolution {
    }

    public record NotFound() implements Resolution {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, Handler handler) {
        return add(method, template, AuthPolicy.ACTIVE, handler);
    }

    public Router add(String method, String template, AuthPolicy auth, Handler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("Route templates start with '/': " + template);
        }
        for (Route r : routes) {
            if (r.method().equals(method) && r.template().equals(template)) {
                throw new IllegalArgumentException("Route registered twice: " + method + " " + template);
            }
        }
        routes.add(new Route(method, template, auth, handler, split(template)));
        return this;
    }

    public Router get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Resolution resolve(String method, String rawPath) {
        List<String> parts = split(rawPath);
        boolean trailingSlash = rawPath.length() > 1 && rawPath.endsWith("/");
        Route best = null;
        Map<String, String> bestParams = null;
        String pathTemplate = null;
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), parts, trailingSlash);
            if (params == null) {
                continue;
            }
            if (pathTemplate == null || r.literalCount() > literalCount(pathTemplate)) {
                pathTemplate = r.template();
                allowed.clear();
            }
            if (r.template().equals(pathTemplate)) {
                allowed.add(r.method());
            }
            if (r.method().equals(method) && (best == null || r.literalCount() > best.literalCount())) {
                best = r;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Found(best, bestParams);
        }
        if (pathTemplate != null) {
            return new MethodNotAllowed(pathTemplate, allowed);
        }
        return new NotFound();
    }

    private static Map<String, String> match(List<String> template, List<String> parts, boolean trailingSlash) {
        boolean greedy = !template.isEmpty() && isGreedy(template.get(template.size() - 1));
        if (greedy ? parts.size() < template.size() : template.size() != parts.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = parts.get(i);
            if (greedy && i == template.size() - 1) {
                // split() dropped one trailing slash; a key like "folder/" keeps it.
                String rest = String.join("/", parts.subList(i, parts.size())) + (trailingSlash ? "/" : "");
                params.put(t.substring(1, t.length() - 2), RequestContext.decode(rest.replace("+", "%2B")));
            } else if (isParam(t)) {
                if (p.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), RequestContext.decode(p.replace("+", "%2B")));
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params;
    }

    private static int literalCount(String template) {
        return (int) split(template).stream().filter(s -> !isParam(s)).count();
    }

    private static boolean isGreedy(String segment) {
        return isParam(segment) && segment.endsWith("+}");
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** Path segments; one trailing slash is ignored, as Cloudflare's router does (unconfirmed). */
    private static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
