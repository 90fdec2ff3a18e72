package dev.flareobserver.transport;

/** How requests authenticate. The secrets never appear in {@code toString()}. */
public sealed interface Credentials permits Credentials.ApiToken, Credentials.LegacyApiKey {

  static ApiToken token(String token) {
    return new ApiToken(token);
  }

  static LegacyApiKey legacyApiKey(String email, String key) {
    return new LegacyApiKey(email, key);
  }

  /** A user or account API token, sent as {@code Authorization: Bearer <token>}. */
  record ApiToken(String token) implements Credentials {
    public ApiToken {
      requireUsableSecret(token, "API token");
      Redactor.registerSecret(token);
    }

    @Override
    public String toString() {
      return "ApiToken[" + Redactor.MASK + "]";
    }
  }

  /** The global API key with its account e-mail, sent as {@code X-Auth-Email} + {@code X-Auth-Key}. */
  record LegacyApiKey(String email, String key) implements Credentials {
    public LegacyApiKey {
      if (email == null || email.isBlank() || !email.contains("@")) {
        throw new InvalidCredentialsException("The e-mail address for the API key is missing or not an e-mail address.");
      }
      requireUsableSecret(key, "API key");
      Redactor.registerSecret(key);
    }

    @Override
    public String toString() {
      return "LegacyApiKey[email=" + email + ", key=" + Redactor.MASK + "]";
    }
  }

  private static void requireUsableSecret(String secret, String what) {
    if (secret == null || secret.isEmpty()) {
      throw new InvalidCredentialsException("The " + what + " is empty.");
    }
    if (secret.isBlank()) {
      throw new InvalidCredentialsException("The " + what + " consists only of whitespace.");
    }
    if (secret.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidCredentialsException("The " + what
          + " contains whitespace (a space, tab or line break); check that it was copied whole and alone.");
    }
  }
}
