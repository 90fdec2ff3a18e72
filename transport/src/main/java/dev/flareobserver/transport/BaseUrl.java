package dev.flareobserver.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Checks a base URL before anything is sent to it. */
final class BaseUrl {
  static final String DEFAULT = "https://api.cloudflare.com/client/v4";

  private BaseUrl() {
  }

  static HttpUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidConfigurationException("The base URL is empty; expected something like " + DEFAULT + ".");
    }
    String shown = Redactor.redact(text.trim());
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw invalid(shown);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    HttpUrl url = HttpUrl.parse(text.trim());
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || url == null) {
      throw invalid(shown);
    }
    if (url.query() != null || url.fragment() != null) {
      throw new InvalidConfigurationException("Base URL '" + shown
          + "' must not have a query or fragment; expected something like " + DEFAULT + ".");
    }
    if (scheme.equals("http") && !isLoopback(url.host())) {
      throw new InvalidConfigurationException("Base URL '" + shown + "' uses plain http to " + url.host()
          + ", which would send the credentials unencrypted; use https (plain http is allowed only for"
          + " localhost, 127.0.0.0/8 and ::1).");
    }
    String path = url.encodedPath();
    return path.length() > 1 && path.endsWith("/")
        ? url.newBuilder().encodedPath(path.substring(0, path.length() - 1)).build()
        : url;
  }

  private static InvalidConfigurationException invalid(String shown) {
    return new InvalidConfigurationException("Base URL '" + shown
        + "' is not a valid URL; expected an http(s) URL such as " + DEFAULT + ".");
  }

  /** Literal addresses only: resolving a name here could be spoofed and would block on DNS. */
  static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return name.startsWith("127.");
    }
    if (name.contains(":")) {
      try {
        return InetAddress.getByName(name.replace("[", "").replace("]", "")).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
