package dev.flareobserver.transport;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets in text meant for people: log lines, exception messages, {@code toString()}. */
public final class Redactor {
  public static final String MASK = "***";

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s,;\"']+");
  private static final Pattern SECRET_HEADER =
      Pattern.compile("(?i)((?:x-auth-key|x-auth-user-service-key|authorization)\\s*[:=]\\s*)(?:(?:bearer|basic)\\s+)?[^\\s,;\"']+");
  private static final Pattern SECRET_QUERY = Pattern.compile(
      "(?i)([?&;](?:[a-z0-9_.-]*(?:token|key|secret|password|signature|sig|jwt|credential)[a-z0-9_.-]*)=)[^&#\\s\"']*");
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "x-auth-key", "x-auth-user-service-key", "cookie", "set-cookie");
  // Secrets shorter than this would mask ordinary words; real tokens and keys are far longer.
  private static final int MIN_KNOWN_SECRET_LENGTH = 8;
  private static final Set<String> KNOWN_SECRETS = ConcurrentHashMap.newKeySet();

  private Redactor() {
  }

  /** Remembers a secret so that it is masked wherever it appears, whatever surrounds it. */
  public static void registerSecret(String secret) {
    if (secret != null && secret.length() >= MIN_KNOWN_SECRET_LENGTH) {
      KNOWN_SECRETS.add(secret);
    }
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : KNOWN_SECRETS) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    result = SECRET_HEADER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    result = BEARER.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    return SECRET_QUERY.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
  }

  /** A header value safe to log: secret headers are masked whole, others pass through {@link #redact}. */
  public static String redactHeader(String name, String value) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : redact(value);
  }

  static boolean isSecretParameter(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("token") || lower.contains("key") || lower.contains("secret")
        || lower.contains("password") || lower.contains("signature") || lower.equals("sig")
        || lower.contains("jwt") || lower.contains("credential");
  }
}
