package dev.flareobserver.transport;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request on the wire at debug (headers at trace), with URLs and header values redacted.
 * Failures are logged at debug only: whoever handles the exception decides whether it is worth more.
 */
final class LoggingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!LOG.isDebugEnabled()) {
      return chain.proceed(request);
    }
    String target = request.method() + " " + RedactedUrl.of(request.url());
    if (LOG.isTraceEnabled()) {
      request.headers().forEach(header ->
          LOG.trace("{} > {}: {}", target, header.getFirst(), Redactor.redactHeader(header.getFirst(), header.getSecond())));
    }
    long started = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      LOG.debug("{} -> HTTP {} in {} ms{}", target, response.code(), (System.nanoTime() - started) / 1_000_000,
          response.header("cf-ray") == null ? "" : " [cf-ray " + response.header("cf-ray") + "]");
      return response;
    } catch (IOException failure) {
      LOG.debug("{} failed after {} ms: {}", target, (System.nanoTime() - started) / 1_000_000,
          Redactor.redact(failure.toString()));
      throw failure;
    }
  }
}
