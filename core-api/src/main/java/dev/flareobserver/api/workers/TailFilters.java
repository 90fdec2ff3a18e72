package dev.flareobserver.api.workers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Server-side filters of a tail, sent in the create body as {@code {"filters":[...]}} in wrangler's
 * order (sampling_rate, outcome, method, header, client_ip, query, scriptVersion). Values are checked
 * here, before any request, with the messages wrangler's flags would give. Immutable.
 *
 * @param samplingRate fraction of events kept, in (0, 1); null keeps all
 * @param outcomes     wire outcomes ({@link #OUTCOMES}); empty means any
 * @param methods      HTTP methods, upper case; empty means any
 * @param headerKey    a header that must be present; null means no header filter
 * @param headerQuery  the header's value must match this; null means presence only
 * @param clientIps    client IPs, or {@code "self"} for the tailing client's own IP; empty means any
 * @param query        only events whose logs contain this text; null means no search
 * @param scriptVersion only events served by this version id; null means any
 */
public record TailFilters(Double samplingRate, List<String> outcomes, List<String> methods, String headerKey,
    String headerQuery, List<String> clientIps, String query, String scriptVersion) {

  /** The outcomes a tail can filter on, as they appear on the wire. */
  public static final Set<String> OUTCOMES =
      Set.of("ok", "canceled", "exception", "exceededCpu", "exceededMemory", "unknown");

  private static final TailFilters NONE = new TailFilters(null, List.of(), List.of(), null, null, List.of(), null, null);

  public TailFilters {
    if (samplingRate != null && !(samplingRate > 0 && samplingRate < 1)) {
      throw new IllegalArgumentException("Sampling rate must be between 0 and 1 (exclusive), got " + samplingRate);
    }
    outcomes = List.copyOf(outcomes == null ? List.of() : outcomes);
    for (String o : outcomes) {
      if (!OUTCOMES.contains(o)) {
        throw new IllegalArgumentException("Unknown outcome '" + o + "'; expected one of " + OUTCOMES);
      }
    }
    methods = (methods == null ? List.<String>of() : methods).stream().map(m -> m.trim().toUpperCase(Locale.ROOT))
        .toList();
    for (String m : methods) {
      if (!m.matches("[A-Z]+")) {
        throw new IllegalArgumentException("Not an HTTP method: '" + m + "'");
      }
    }
    if (headerKey != null && headerKey.isBlank()) {
      throw new IllegalArgumentException("A header filter needs a header name");
    }
    if (headerKey == null && headerQuery != null) {
      throw new IllegalArgumentException("A header value needs a header name");
    }
    clientIps = List.copyOf(clientIps == null ? List.of() : clientIps);
    if (query != null && query.isEmpty()) {
      query = null;
    }
    if (scriptVersion != null) {
      try {
        UUID.fromString(scriptVersion);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Version id must be a UUID, got '" + scriptVersion + "'");
      }
    }
  }

  /** No filters: every event. */
  public static TailFilters none() {
    return NONE;
  }

  /**
   * wrangler's {@code --status} values: {@code ok}, {@code canceled} and {@code error} (which means
   * exception, exceededCpu, exceededMemory and unknown).
   */
  public static List<String> outcomesForStatus(List<String> statuses) {
    List<String> out = new ArrayList<>();
    for (String s : statuses) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "ok" -> out.add("ok");
        case "canceled" -> out.add("canceled");
        case "error" -> out.addAll(List.of("exception", "exceededCpu", "exceededMemory", "unknown"));
        default -> throw new IllegalArgumentException("Unknown status '" + s + "'; expected ok, error or canceled");
      }
    }
    return out.stream().distinct().toList();
  }

  /** wrangler's {@code --header key:value} (split on the first colon; no colon means presence only). */
  public TailFilters withHeader(String keyColonValue) {
    int colon = keyColonValue.indexOf(':');
    String key = colon < 0 ? keyColonValue.trim() : keyColonValue.substring(0, colon).trim();
    String value = colon < 0 ? null : keyColonValue.substring(colon + 1).trim();
    return new TailFilters(samplingRate, outcomes, methods, key, value, clientIps, query, scriptVersion);
  }

  public TailFilters withSamplingRate(Double value) {
    return new TailFilters(value, outcomes, methods, headerKey, headerQuery, clientIps, query, scriptVersion);
  }

  public TailFilters withOutcomes(List<String> value) {
    return new TailFilters(samplingRate, value, methods, headerKey, headerQuery, clientIps, query, scriptVersion);
  }

  public TailFilters withMethods(List<String> value) {
    return new TailFilters(samplingRate, outcomes, value, headerKey, headerQuery, clientIps, query, scriptVersion);
  }

  public TailFilters withClientIps(List<String> value) {
    return new TailFilters(samplingRate, outcomes, methods, headerKey, headerQuery, value, query, scriptVersion);
  }

  public TailFilters withQuery(String value) {
    return new TailFilters(samplingRate, outcomes, methods, headerKey, headerQuery, clientIps, value, scriptVersion);
  }

  public TailFilters withScriptVersion(String value) {
    return new TailFilters(samplingRate, outcomes, methods, headerKey, headerQuery, clientIps, query, value);
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The create body's {@code filters} array, in wrangler's order; Jackson serializes it as is. */
  public List<Map<String, Object>> toWire() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (samplingRate != null) {
      out.add(Map.of("sampling_rate", samplingRate));
    }
    if (!outcomes.isEmpty()) {
      out.add(Map.of("outcome", outcomes));
    }
    if (!methods.isEmpty()) {
      out.add(Map.of("method", methods));
    }
    if (headerKey != null) {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("key", headerKey);
      if (headerQuery != null) {
        header.put("query", headerQuery);
      }
      out.add(Map.of("header", header));
    }
    if (!clientIps.isEmpty()) {
      out.add(Map.of("client_ip", clientIps));
    }
    if (query != null) {
      out.add(Map.of("query", query));
    }
    if (scriptVersion != null) {
      out.add(Map.of("scriptVersion", scriptVersion));
    }
    return out;
  }
}
