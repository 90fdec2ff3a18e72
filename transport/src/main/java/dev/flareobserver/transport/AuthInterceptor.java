package dev.flareobserver.transport;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds the credentials' headers to every request. */
final class AuthInterceptor implements Interceptor {
  private final Credentials credentials;

  AuthInterceptor(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request.Builder request = chain.request().newBuilder();
    if (credentials instanceof Credentials.ApiToken token) {
      request.header("Authorization", "Bearer " + token.token());
    } else if (credentials instanceof Credentials.LegacyApiKey key) {
      request.header("X-Auth-Email", key.email()).header("X-Auth-Key", key.key());
    }
    return chain.proceed(request.build());
  }
}
