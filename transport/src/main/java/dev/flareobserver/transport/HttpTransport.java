package dev.flareobserver.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.transport.websocket.ReconnectingWebSocket;
import dev.flareobserver.transport.websocket.WebSocketConnection;
import dev.flareobserver.transport.websocket.WebSocketListener;
import dev.flareobserver.transport.websocket.WebSocketOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends v4 requests to one Cloudflare endpoint. Auth, user agent, retries, rate accounting and logging
 * are OkHttp interceptors; the envelope is decoded by {@link EnvelopeDecoder}. Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final HttpUrl baseUrl;
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final EnvelopeDecoder decoder;
  private final RateBudget rateBudget;
  private final Clock clock;
  private final String userAgent;

  private HttpTransport(Builder builder) {
    this.baseUrl = BaseUrl.parse(builder.baseUrl);
    this.mapper = builder.mapper != null ? builder.mapper : CloudflareJson.newObjectMapper();
    this.decoder = new EnvelopeDecoder(mapper);
    this.rateBudget = builder.rateBudget != null ? builder.rateBudget : new RateBudget(builder.clock);
    this.clock = builder.clock;
    this.userAgent = builder.userAgent;
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout)
        .writeTimeout(builder.readTimeout)
        .callTimeout(builder.callTimeout)
        // OkHttp would silently replay some failed requests, POSTs included; RetryInterceptor decides instead.
        .retryOnConnectionFailure(false)
        .addInterceptor(new UserAgentInterceptor(builder.userAgent));
    if (builder.credentials != null) {
      http.addInterceptor(new AuthInterceptor(builder.credentials));
    }
    this.client = http
        .addInterceptor(new RetryInterceptor(builder.retryPolicy, builder.sleeper, builder.clock))
        .addNetworkInterceptor(new RateBudgetInterceptor(rateBudget, builder.clock))
        .addNetworkInterceptor(new LoggingInterceptor())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI baseUrl() {
    return baseUrl.uri();
  }

  public RateBudget rateBudget() {
    return rateBudget;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public <T> ApiResult<T> execute(ApiRequest request, TypeReference<T> resultType) {
    return execute(request, mapper.getTypeFactory().constructType(resultType));
  }

  public <T> ApiResult<T> execute(ApiRequest request, Class<T> resultType) {
    return execute(request, mapper.getTypeFactory().constructType(resultType));
  }

  public <T> ApiResult<T> execute(ApiRequest request, JavaType resultType) {
    return send(request, (bytes, status, context) -> decoder.decode(bytes, status, resultType, context));
  }

  /**
   * For answers that are not a v4 envelope, such as GraphQL's {@code {data, errors}}: binds the whole JSON body
   * to {@code bodyType}. A non-2xx status still becomes the typed {@link CloudflareApiException}, carrying the
   * body's {@code errors[].message} when it has any.
   */
  public <T> T executeJson(ApiRequest request, JavaType bodyType) {
    return send(request, (bytes, status, context) -> decoder.decodeBody(bytes, status, bodyType, context));
  }

  /** A raw body (e.g. a Worker's script content); non-2xx statuses become typed errors as for envelopes. */
  public byte[] executeBytes(ApiRequest request) {
    return send(request, (bytes, status, context) -> {
      if (status >= 200 && status < 300) {
        return bytes;
      }
      decoder.decode(bytes, status, mapper.constructType(Object.class), context);
      throw new IllegalStateException("unreachable: a non-2xx status always throws");
    });
  }

  private interface BodyHandler<R> {
    R handle(byte[] bytes, int status, ResponseContext context);
  }

  private <R> R send(ApiRequest request, BodyHandler<R> handler) {
    return send(toHttpRequest(request, bodyOf(request), request.isIdempotent()), null, handler);
  }

  private <R> R send(Request httpRequest, Transfer transfer, BodyHandler<R> handler) {
    String method = httpRequest.method();
    String url = RedactedUrl.of(httpRequest.url());
    Call call = client.newCall(httpRequest);
    if (transfer != null) {
      transfer.attach(call);
    }
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      return handler.handle(bytes, response.code(), contextOf(response, method, url));
    } catch (IOException failure) {
      throw connectionFailure(method, url, call, transfer, failure);
    }
  }

  /**
   * Sends a body streamed from a file or stream ({@link StreamBody}) with a v4 envelope as the answer (an R2
   * object upload). Progress and cancel go through {@code transfer}. Retries follow the request's idempotency
   * only when the body can be opened again (a file); a one-shot stream is never replayed, whatever the method.
   *
   * @throws java.util.concurrent.CancellationException when the transfer was cancelled
   */
  public <T> ApiResult<T> executeUpload(ApiRequest request, StreamBody body, Transfer transfer, Class<T> resultType) {
    JavaType type = mapper.getTypeFactory().constructType(resultType);
    Request httpRequest = toHttpRequest(request, new StreamingRequestBody(body, transfer),
        request.isIdempotent() && body.isReopenable());
    return send(httpRequest, transfer, (bytes, status, context) -> decoder.decode(bytes, status, type, context));
  }

  /**
   * A raw answer read as a stream (an R2 object download). A non-2xx answer is read (it is a small envelope)
   * and thrown as the typed error, as for {@link #executeBytes}; retries happen before the body is handed over.
   *
   * @throws java.util.concurrent.CancellationException when the transfer was cancelled before the answer came
   */
  public StreamedResponse executeStream(ApiRequest request, Transfer transfer) {
    Request httpRequest = toHttpRequest(request, bodyOf(request), request.isIdempotent());
    String method = httpRequest.method();
    String url = RedactedUrl.of(httpRequest.url());
    Call call = client.newCall(httpRequest);
    transfer.attach(call);
    Response response;
    try {
      response = call.execute();
    } catch (IOException failure) {
      throw connectionFailure(method, url, call, transfer, failure);
    }
    if (response.isSuccessful()) {
      return new StreamedResponse(response, transfer);
    }
    try (response) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      decoder.decode(bytes, response.code(), mapper.constructType(Object.class), contextOf(response, method, url));
      throw new IllegalStateException("unreachable: a non-2xx status always throws");
    } catch (IOException failure) {
      throw connectionFailure(method, url, call, transfer, failure);
    }
  }

  private ResponseContext contextOf(Response response, String method, String url) {
    return new ResponseContext(method, url, response.header("Content-Type"), response.header("cf-ray"),
        RetryAfter.parse(response.header("Retry-After"), clock.instant()));
  }

  private static RuntimeException connectionFailure(String method, String url, Call call, Transfer transfer,
      IOException failure) {
    if (transfer != null && transfer.isCancelled()) {
      java.util.concurrent.CancellationException cancelled =
          new java.util.concurrent.CancellationException("The transfer was cancelled: " + method + " " + url);
      cancelled.initCause(failure);
      return cancelled;
    }
    if (failure instanceof InterruptedIOException timeout) {
      if (Thread.currentThread().isInterrupted() || call.isCanceled()) {
        return new CloudflareConnectionException(method, url, timeout);
      }
      return new CloudflareTimeoutException(method, url, timeout);
    }
    return new CloudflareConnectionException(method, url, failure);
  }

  /** Opens a WebSocket (e.g. a Workers tail) with this transport's user agent. Credentials are not sent. */
  public WebSocketConnection openWebSocket(URI url, WebSocketOptions options, WebSocketListener listener) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", userAgent);
    headers.putAll(options.headers());
    return ReconnectingWebSocket.open(url, options.withHeaders(headers), listener);
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Request toHttpRequest(ApiRequest request, RequestBody body, boolean idempotent) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    request.resolvedSegments().forEach(url::addPathSegment);
    request.queryParameters().forEach(param -> url.addQueryParameter(param.getKey(), param.getValue()));
    Request.Builder http = new Request.Builder()
        .url(url.build())
        .method(request.method(), body)
        .header("Accept", "application/json")
        .tag(CallTraits.class, new CallTraits(idempotent, request.kind()));
    request.headers().forEach(h -> http.header(h.getKey(), h.getValue()));
    return http.build();
  }

  private RequestBody bodyOf(ApiRequest request) {
    if (request.rawBody() != null) {
      return RequestBody.create(request.rawBody(), MediaType.get(request.rawContentType()));
    }
    if (request.jsonBody() != null) {
      try {
        return RequestBody.create(mapper.writeValueAsBytes(request.jsonBody()), JSON);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("The request body cannot be written as JSON: " + e.getOriginalMessage(), e);
      }
    }
    // OkHttp requires a body for these methods even when Cloudflare expects none.
    return switch (request.method()) {
      case "POST", "PUT", "PATCH" -> RequestBody.create(new byte[0], null);
      default -> null;
    };
  }

  public static final class Builder {
    private String baseUrl = BaseUrl.DEFAULT;
    private Credentials credentials;
    private String userAgent = "flare-observer/" + Version.current();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ZERO;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RateBudget rateBudget;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private ObjectMapper mapper;

    private Builder() {
    }

    public Builder baseUrl(String value) {
      BaseUrl.parse(value);
      this.baseUrl = value;
      return this;
    }

    public Builder credentials(Credentials value) {
      this.credentials = value;
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** Also used as the write timeout. */
    public Builder readTimeout(Duration value) {
      this.readTimeout = Objects.requireNonNull(value, "readTimeout");
      return this;
    }

    /** Bounds a whole call including its retries; zero (the default) leaves that to the retry deadline. */
    public Builder callTimeout(Duration value) {
      this.callTimeout = Objects.requireNonNull(value, "callTimeout");
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /** Share one budget between transports that use the same credentials. */
    public Builder rateBudget(RateBudget value) {
      this.rateBudget = value;
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder mapper(ObjectMapper value) {
      this.mapper = value;
      return this;
    }

    public HttpTransport build() {
      return new HttpTransport(this);
    }
  }
}
