package dev.flareobserver.transport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Counts every request that goes on the wire and adopts the server's rate-limit headers. */
final class RateBudgetInterceptor implements Interceptor {
  private static final long GRAPHQL_DEPLETED_SECONDS = 300;

  private final RateBudget budget;
  private final Clock clock;

  RateBudgetInterceptor(RateBudget budget, Clock clock) {
    this.budget = budget;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    RequestKind kind = CallTraits.of(chain.request()).kind();
    budget.recordRequest(kind);
    Response response = chain.proceed(chain.request());
    // Cloudflare documents these headers for REST only; GraphQL keeps local counting until a 429 says it is spent.
    if (kind == RequestKind.GRAPHQL && response.code() == 429) {
      Duration wait = RetryAfter.parse(response.header("Retry-After"), clock.instant());
      // "rate limiter budget depleted, try again after 5 minutes"
      budget.correct(kind, 0, wait != null ? wait.toSeconds() : GRAPHQL_DEPLETED_SECONDS);
    }
    if (kind == RequestKind.REST) {
      boolean corrected = budget.correctFromHeaders(kind, response.header("Ratelimit"), response.header("Ratelimit-Policy"));
      if (!corrected && response.code() == 429) {
        Duration wait = RetryAfter.parse(response.header("Retry-After"), clock.instant());
        if (wait != null) {
          budget.correct(kind, 0, wait.toSeconds());
        }
      }
    }
    return response;
  }
}
