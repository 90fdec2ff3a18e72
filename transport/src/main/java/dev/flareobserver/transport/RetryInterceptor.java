package dev.flareobserver.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries idempotent requests on connection failures and on 429 / 502 / 503 / 504, within the policy's
 * attempts and deadline. The last response is returned as is, so the decoder turns it into the typed error.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;

  RetryInterceptor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!CallTraits.of(request).idempotent() || policy.maxAttempts() <= 1) {
      return chain.proceed(request);
    }
    Instant deadline = clock.instant().plus(policy.deadline());
    for (int attempt = 1; ; attempt++) {
      boolean lastAttempt = attempt >= policy.maxAttempts();
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException failure) {
        Duration delay = policy.backoff(attempt - 1);
        if (lastAttempt || !isRetryable(failure) || chain.call().isCanceled() || !fits(delay, deadline)) {
          throw failure;
        }
        LOG.debug("{} {} failed ({}); retry {} in {} ms", request.method(), RedactedUrl.of(request.url()),
            Redactor.redact(failure.toString()), attempt, delay.toMillis());
        pause(delay);
        continue;
      }
      if (lastAttempt || !RETRYABLE_STATUS.contains(response.code())) {
        return response;
      }
      Duration hinted = RetryAfter.parse(response.header("Retry-After"), clock.instant());
      Duration delay = hinted != null ? hinted : policy.backoff(attempt - 1);
      if (!fits(delay, deadline)) {
        return response;
      }
      LOG.debug("{} {} answered HTTP {}; retry {} in {} ms", request.method(), RedactedUrl.of(request.url()),
          response.code(), attempt, delay.toMillis());
      response.close();
      pause(delay);
    }
  }

  private boolean fits(Duration delay, Instant deadline) {
    return !clock.instant().plus(delay).isAfter(deadline);
  }

  private void pause(Duration delay) throws InterruptedIOException {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to retry");
    }
  }

  /** Failures where the request most likely never reached the server or the connection broke. */
  private static boolean isRetryable(IOException failure) {
    if (failure instanceof SocketTimeoutException) {
      // A read timeout means a slow server: retrying would only multiply the wait.
      return String.valueOf(failure.getMessage()).toLowerCase().contains("connect");
    }
    return !(failure instanceof InterruptedIOException)
        && !(failure instanceof UnknownHostException)
        && !(failure instanceof SSLException);
  }
}
