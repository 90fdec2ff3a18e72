package dev.flareobserver.transport;

import java.net.URI;
import okhttp3.HttpUrl;

/** URLs as they may appear in logs and messages: no user info, secret-looking query values masked. */
public final class RedactedUrl {

  private RedactedUrl() {
  }

  public static String of(HttpUrl url) {
    if (url == null) {
      return "";
    }
    HttpUrl.Builder builder = url.newBuilder().username("").password("").query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      builder.addQueryParameter(name, Redactor.isSecretParameter(name) ? Redactor.MASK : url.queryParameterValue(i));
    }
    return Redactor.redact(builder.build().toString());
  }

  public static String of(URI uri) {
    if (uri == null) {
      return "";
    }
    HttpUrl url = HttpUrl.parse(uri.toString().replaceFirst("^ws", "http"));
    if (url == null) {
      return Redactor.redact(uri.toString());
    }
    String redacted = of(url);
    String scheme = uri.getScheme();
    return scheme != null && scheme.startsWith("ws") ? scheme + redacted.substring(redacted.indexOf(':')) : redacted;
  }
}
