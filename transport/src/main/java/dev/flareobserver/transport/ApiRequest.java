package dev.flareobserver.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request to a v4 path such as {@code /accounts/{account_id}}. Immutable: every method returns a copy,
 * so a partly built request can be shared and extended.
 */
public final class ApiRequest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  private final String method;
  private final String pathTemplate;
  private final Map<String, String> pathParams;
  private final List<Map.Entry<String, String>> query;
  private final Object jsonBody;
  private final byte[] rawBody;
  private final String rawContentType;
  private final Boolean idempotent;
  private final RequestKind kind;
  private final List<Map.Entry<String, String>> headers;

  private ApiRequest(String method, String pathTemplate, Map<String, String> pathParams,
      List<Map.Entry<String, String>> query, Object jsonBody, byte[] rawBody, String rawContentType,
      Boolean idempotent, RequestKind kind, List<Map.Entry<String, String>> headers) {
    this.method = method;
    this.pathTemplate = pathTemplate;
    this.pathParams = pathParams;
    this.query = query;
    this.jsonBody = jsonBody;
    this.rawBody = rawBody;
    this.rawContentType = rawContentType;
    this.idempotent = idempotent;
    this.kind = kind;
    this.headers = headers;
  }

  private static ApiRequest of(String method, String pathTemplate) {
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    if (!pathTemplate.startsWith("/")) {
      throw new IllegalArgumentException("Path template must start with '/': " + pathTemplate);
    }
    return new ApiRequest(method, pathTemplate, Map.of(), List.of(), null, null, null, null, RequestKind.REST,
        List.of());
  }

  public static ApiRequest get(String pathTemplate) {
    return of("GET", pathTemplate);
  }

  public static ApiRequest post(String pathTemplate) {
    return of("POST", pathTemplate);
  }

  public static ApiRequest put(String pathTemplate) {
    return of("PUT", pathTemplate);
  }

  public static ApiRequest patch(String pathTemplate) {
    return of("PATCH", pathTemplate);
  }

  public static ApiRequest delete(String pathTemplate) {
    return of("DELETE", pathTemplate);
  }

  /** Fills {@code {name}} in the template; a missing value fails here, before any I/O. */
  public ApiRequest pathParam(String name, String value) {
    if (!pathTemplate.contains("{" + name + "}")) {
      throw new IllegalArgumentException("Path " + pathTemplate + " has no parameter '" + name + "'");
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Required path parameter '" + name + "' is missing or blank");
    }
    Map<String, String> params = new LinkedHashMap<>(pathParams);
    params.put(name, value);
    return new ApiRequest(method, pathTemplate, Map.copyOf(params), query, jsonBody, rawBody, rawContentType,
        idempotent, kind, headers);
  }

  /** Adds a query parameter; {@code null} is skipped and a collection adds one parameter per element. */
  public ApiRequest query(String name, Object value) {
    if (value == null) {
      return this;
    }
    List<Map.Entry<String, String>> params = new ArrayList<>(query);
    if (value instanceof Collection<?> values) {
      values.stream().filter(Objects::nonNull).forEach(v -> params.add(Map.entry(name, v.toString())));
    } else {
      params.add(Map.entry(name, value.toString()));
    }
    return new ApiRequest(method, pathTemplate, pathParams, List.copyOf(params), jsonBody, rawBody, rawContentType,
        idempotent, kind, headers);
  }

  /** A body serialised as JSON with the transport's mapper. */
  public ApiRequest jsonBody(Object body) {
    return new ApiRequest(method, pathTemplate, pathParams, query, body, null, null, idempotent, kind, headers);
  }

  /** A body sent as given (multipart forms, raw values). */
  public ApiRequest body(byte[] bytes, String contentType) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(contentType, "contentType");
    return new ApiRequest(method, pathTemplate, pathParams, query, null, bytes.clone(), contentType, idempotent, kind,
        headers);
  }

  /** Whether replaying the request is safe; only idempotent requests are retried. */
  public ApiRequest idempotent(boolean value) {
    return new ApiRequest(method, pathTemplate, pathParams, query, jsonBody, rawBody, rawContentType, value, kind,
        headers);
  }

  public ApiRequest kind(RequestKind value) {
    return new ApiRequest(method, pathTemplate, pathParams, query, jsonBody, rawBody, rawContentType, idempotent,
        Objects.requireNonNull(value, "kind"), headers);
  }

  /**
   * Adds a request header (e.g. an uploaded object's {@code Cache-Control}); {@code null} is skipped. The
   * transport's own headers (authorization, user agent) cannot be set this way.
   */
  public ApiRequest header(String name, String value) {
    Objects.requireNonNull(name, "name");
    if (value == null) {
      return this;
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("authorization") || lower.startsWith("x-auth-") || lower.equals("user-agent")) {
      throw new IllegalArgumentException("Header " + name + " is set by the transport");
    }
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    all.add(Map.entry(name, value));
    return new ApiRequest(method, pathTemplate, pathParams, query, jsonBody, rawBody, rawContentType, idempotent,
        kind, List.copyOf(all));
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  public String method() {
    return method;
  }

  public String pathTemplate() {
    return pathTemplate;
  }

  public List<Map.Entry<String, String>> queryParameters() {
    return query;
  }

  public Object jsonBody() {
    return jsonBody;
  }

  byte[] rawBody() {
    return rawBody;
  }

  String rawContentType() {
    return rawContentType;
  }

  public boolean isIdempotent() {
    if (idempotent != null) {
      return idempotent;
    }
    return switch (method) {
      case "GET", "PUT", "DELETE", "HEAD" -> true;
      default -> false;
    };
  }

  public RequestKind kind() {
    return kind;
  }

  /** The path segments with parameters filled in, not yet URL-encoded. */
  List<String> resolvedSegments() {
    List<String> segments = new ArrayList<>();
    for (String segment : pathTemplate.substring(1).split("/", -1)) {
      Matcher matcher = PLACEHOLDER.matcher(segment);
      StringBuilder resolved = new StringBuilder();
      while (matcher.find()) {
        String value = pathParams.get(matcher.group(1));
        if (value == null) {
          throw new IllegalArgumentException("Required path parameter '" + matcher.group(1) + "' is missing");
        }
        matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
      }
      matcher.appendTail(resolved);
      segments.add(resolved.toString());
    }
    return segments;
  }

  @Override
  public String toString() {
    return method + " " + pathTemplate;
  }
}
