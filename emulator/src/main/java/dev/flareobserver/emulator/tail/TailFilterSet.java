package dev.flareobserver.emulator.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flareobserver.emulator.http.Json;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A tail's server-side filters, as wrangler sends them ({@code {"filters":[{"outcome":[...]}, ...]}}).
 * Every filter present must match (AND). Semantics the reference leaves open, chosen here:
 * <ul>
 *   <li>{@code header.query}: the header's value <em>contains</em> the query, ignoring case (so
 *       {@code --header user-agent:curl} is useful); without a query the header only has to be present;</li>
 *   <li>{@code query}: the text occurs, ignoring case, in a log message or an exception's name or message;</li>
 *   <li>{@code method}, {@code header} and {@code client_ip} need a request: scheduled events never match them;</li>
 *   <li>an unknown filter key or a malformed value is refused (400), so typos surface instead of silently
 *       streaming everything.</li>
 * </ul>
 * Immutable; {@link #matches} is called under the owning tail's lock (it draws from that tail's random).
 */
public final class TailFilterSet {

    static final TailFilterSet NONE = new TailFilterSet(Json.MAPPER.createArrayNode(), null, null, null, null,
            null, null, null, null);

    private static final Set<String> OUTCOMES = Set.of("ok", "canceled", "exception", "exceededCpu",
            "exceededMemory", "unknown");
    private static final List<String> KEYS = List.of("sampling_rate", "outcome", "method", "header", "client_ip",
            "query", "scriptVersion");

    private final ArrayNode raw;
    private final Double samplingRate;
    private final Set<String> outcomes;
    private final Set<String> methods;
    private final String headerKey;
    private final String headerQuery;
    private final List<String> clientIps;
    private final String query;
    private final String scriptVersion;

    private TailFilterSet(ArrayNode raw, Double samplingRate, Set<String> outcomes, Set<String> methods,
                          String headerKey, String headerQuery, List<String> clientIps, String query,
                          String scriptVersion) {
        this.raw = raw;
        this.samplingRate = samplingRate;
        this.outcomes = outcomes;
        this.methods = methods;
        this.headerKey = headerKey;
        this.headerQuery = headerQuery;
        this.clientIps = clientIps;
        this.query = query;
        this.scriptVersion = scriptVersion;
    }

    /**
     * Parses the {@code filters} array of a filter message; null or missing means no filters.
     *
     * @throws IllegalArgumentException with a message fit for the caller when a filter is malformed
     */
    public static TailFilterSet parse(JsonNode filters) {
        if (filters == null || filters.isNull() || filters.isMissingNode()) {
            return NONE;
        }
        if (!filters.isArray()) {
            throw new IllegalArgumentException("'filters' must be an array of filter objects");
        }
        Double samplingRate = null;
        Set<String> outcomes = null;
        Set<String> methods = null;
        String headerKey = null;
        String headerQuery = null;
        List<String> clientIps = null;
        String query = null;
        String scriptVersion = null;
        for (JsonNode filter : filters) {
            if (!filter.isObject()) {
                throw new IllegalArgumentException("Each filter must be an object such as {\"outcome\": [\"ok\"]}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                switch (f.getKey()) {
                    case "sampling_rate" -> {
                        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > 1) {
                            throw new IllegalArgumentException("sampling_rate must be a number above 0 and at most 1");
                        }
                        samplingRate = v.asDouble();
                    }
                    case "outcome" -> {
                        outcomes = strings(v, "outcome");
                        for (String o : outcomes) {
                            if (!OUTCOMES.contains(o)) {
                                throw new IllegalArgumentException("Unknown outcome '" + o + "'; use one of " + OUTCOMES);
                            }
                        }
                    }
                    case "method" -> {
                        Set<String> upper = new LinkedHashSet<>();
                        strings(v, "method").forEach(m -> upper.add(m.toUpperCase(Locale.ROOT)));
                        methods = upper;
                    }
                    case "header" -> {
                        if (!v.isObject() || !v.path("key").isTextual() || v.path("key").asText().isBlank()) {
                            throw new IllegalArgumentException("header must be {\"key\": name, \"query\"?: value}");
                        }
                        headerKey = v.get("key").asText().trim().toLowerCase(Locale.ROOT);
                        JsonNode q = v.path("query");
                        if (!q.isMissingNode() && !q.isNull() && !q.isTextual()) {
                            throw new IllegalArgumentException("header.query must be a string");
                        }
                        headerQuery = q.isTextual() && !q.asText().isEmpty() ? q.asText().toLowerCase(Locale.ROOT) : null;
                    }
                    case "client_ip" -> clientIps = List.copyOf(strings(v, "client_ip"));
                    case "query" -> {
                        if (!v.isTextual()) {
                            throw new IllegalArgumentException("query must be a string");
                        }
                        query = v.asText().toLowerCase(Locale.ROOT);
                    }
                    case "scriptVersion" -> {
                        if (!v.isTextual() || v.asText().isBlank()) {
                            throw new IllegalArgumentException("scriptVersion must be a version id");
                        }
                        scriptVersion = v.asText();
                    }
                    default -> throw new IllegalArgumentException("Unknown tail filter '" + f.getKey()
                            + "'; supported: " + String.join(", ", KEYS));
                }
            }
        }
        return new TailFilterSet(filters.deepCopy(), samplingRate, outcomes, methods, headerKey, headerQuery,
                clientIps, query, scriptVersion);
    }

    private static Set<String> strings(JsonNode v, String name) {
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode s : v) {
            if (!s.isTextual()) {
                throw new IllegalArgumentException(name + " must be a non-empty array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }

    /** The filters as the client sent them (for the admin view). */
    public ArrayNode raw() {
        return raw.deepCopy();
    }

    /**
     * True when the event passes every filter. {@code selfIp} is the tailing socket's remote address
     * (for {@code "self"}), null when unknown; {@code random} is drawn from only for a sampling_rate.
     */
    boolean matches(TailEvent e, String selfIp, SplittableRandom random) {
        if (outcomes != null && !outcomes.contains(e.outcome())) {
            return false;
        }
        if (scriptVersion != null && !scriptVersion.equals(e.versionId())) {
            return false;
        }
        if (methods != null && (e.request() == null || !methods.contains(e.request().method()))) {
            return false;
        }
        if (headerKey != null) {
            String value = e.request() == null ? null : e.request().header(headerKey);
            if (value == null || headerQuery != null && !value.toLowerCase(Locale.ROOT).contains(headerQuery)) {
                return false;
            }
        }
        if (clientIps != null && !clientIpMatches(e, selfIp)) {
            return false;
        }
        if (query != null && !e.searchText().contains(query)) {
            return false;
        }
        // Last, so the tail's random only advances for events that would otherwise be shown.
        return samplingRate == null || random.nextDouble() < samplingRate;
    }

    private boolean clientIpMatches(TailEvent e, String selfIp) {
        if (e.request() == null) {
            return false;
        }
        String ip = e.request().clientIp();
        for (String wanted : clientIps) {
            if ("self".equals(wanted) ? ip.equals(selfIp) : ip.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}
