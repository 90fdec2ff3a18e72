package dev.flareobserver.orchestration.connection;

import dev.flareobserver.transport.CloudflareException;
import dev.flareobserver.transport.Credentials;
import java.util.Map;
import java.util.Optional;

/**
 * Where to connect and with what, read from the variables wrangler reads.
 *
 * <p>Reading never fails: a credential that cannot be used (empty, containing whitespace, an API key
 * without its e-mail) becomes a {@link #configurationProblem()} that {@link AccountConnection#connect()}
 * reports like any other connection problem, so the app can show it in the window.
 *
 * @param mode                 demo emulator, API token or legacy global API key
 * @param baseUrl              the API base URL, e.g. {@code https://api.cloudflare.com/client/v4}
 * @param credentials          null when {@link #configurationProblem()} is set
 * @param preferredAccountId   {@code CLOUDFLARE_ACCOUNT_ID}, or null
 * @param tokenSource          where the credential came from, e.g. "CLOUDFLARE_API_TOKEN" or "demo emulator"
 * @param redactedToken        the credential shortened so it can be shown, e.g. "cfut_…9f2c"
 * @param configurationProblem why the settings cannot be used, or null
 */
public record ConnectionSettings(Mode mode, String baseUrl, Credentials credentials, String preferredAccountId,
                                 String tokenSource, String redactedToken, ConnectionProblem configurationProblem) {

    public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
    public static final String ENV_TOKEN = "CLOUDFLARE_API_TOKEN";
    public static final String ENV_ACCOUNT_ID = "CLOUDFLARE_ACCOUNT_ID";
    public static final String ENV_BASE_URL = "CLOUDFLARE_API_BASE_URL";
    public static final String ENV_API_KEY = "CLOUDFLARE_API_KEY";
    public static final String ENV_EMAIL = "CLOUDFLARE_EMAIL";

    public enum Mode {
        /** The built-in local emulator, used when no credential is set. */
        DEMO,
        /** An API token (user- or account-owned). */
        TOKEN,
        /** The legacy global API key plus the account e-mail. */
        API_KEY
    }

    public ConnectionSettings(Mode mode, String baseUrl, Credentials credentials, String preferredAccountId,
                              String tokenSource) {
        this(mode, baseUrl, credentials, preferredAccountId, tokenSource, redact(credentials), null);
    }

    /**
     * The settings the environment asks for, or empty when it names no credential at all (then the
     * caller starts the demo emulator). A variable that is set but empty counts as set: the user
     * asked for a real account and should hear why it does not work.
     */
    public static Optional<ConnectionSettings> fromEnvironment(Map<String, String> env) {
        String baseUrl = blankToNull(env.get(ENV_BASE_URL));
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl.trim();
        String accountId = blankToNull(env.get(ENV_ACCOUNT_ID));
        accountId = accountId == null ? null : accountId.trim();

        String token = env.get(ENV_TOKEN);
        if (token != null) {
            try {
                return Optional.of(new ConnectionSettings(Mode.TOKEN, baseUrl, new Credentials.ApiToken(token),
                        accountId, ENV_TOKEN));
            } catch (CloudflareException | IllegalArgumentException e) {
                return Optional.of(unusable(Mode.TOKEN, baseUrl, accountId, ENV_TOKEN, redactSecret(token),
                        tokenProblem(token, e)));
            }
        }
        String key = env.get(ENV_API_KEY);
        if (key != null) {
            String email = blankToNull(env.get(ENV_EMAIL));
            String source = ENV_API_KEY + " + " + ENV_EMAIL;
            if (email == null) {
                return Optional.of(unusable(Mode.API_KEY, baseUrl, accountId, source, redactSecret(key),
                        new ConnectionProblem("The global API key needs an e-mail address",
                                ENV_API_KEY + " is set but " + ENV_EMAIL + " is not. Set " + ENV_EMAIL
                                        + " to the account's e-mail address, or use an API token in "
                                        + ENV_TOKEN + " instead (recommended).",
                                "Credential source: " + source)));
            }
            try {
                return Optional.of(new ConnectionSettings(Mode.API_KEY, baseUrl,
                        new Credentials.LegacyApiKey(email.trim(), key), accountId, source));
            } catch (CloudflareException | IllegalArgumentException e) {
                return Optional.of(unusable(Mode.API_KEY, baseUrl, accountId, source, redactSecret(key),
                        new ConnectionProblem("The global API key cannot be used", safeMessage(e),
                                "Credential source: " + source)));
            }
        }
        return Optional.empty();
    }

    /** Settings for the local emulator of demo mode. */
    public static ConnectionSettings demo(String baseUrl, String token) {
        return new ConnectionSettings(Mode.DEMO, baseUrl, new Credentials.ApiToken(token), null, "demo emulator");
    }

    /** "CLOUDFLARE_API_TOKEN (cfut_…9f2c)": where the credential comes from, without the secret. */
    public String credentialDescription() {
        if (redactedToken == null || redactedToken.isEmpty()) {
            return tokenSource;
        }
        return tokenSource + " (" + redactedToken + ")";
    }

    public boolean isDemo() {
        return mode == Mode.DEMO;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", credential="
                + credentialDescription() + ", preferredAccountId=" + preferredAccountId
                + (configurationProblem == null ? "" : ", problem=" + configurationProblem.title()) + "]";
    }

    private static ConnectionSettings unusable(Mode mode, String baseUrl, String accountId, String source,
                                               String redacted, ConnectionProblem problem) {
        return new ConnectionSettings(mode, baseUrl, null, accountId, source, redacted, problem);
    }

    private static ConnectionProblem tokenProblem(String token, RuntimeException e) {
        String why;
        if (token.isEmpty()) {
            why = ENV_TOKEN + " is set but empty.";
        } else if (token.isBlank()) {
            why = ENV_TOKEN + " contains only whitespace.";
        } else if (!token.equals(token.strip())) {
            why = ENV_TOKEN + " starts or ends with whitespace (a copied line break?).";
        } else if (token.chars().anyMatch(Character::isWhitespace)) {
            why = ENV_TOKEN + " contains whitespace inside the token.";
        } else {
            why = safeMessage(e);
        }
        return new ConnectionProblem("The API token cannot be used",
                why + " Set it to the token exactly as Cloudflare showed it, or unset it to use demo mode.",
                "Credential source: " + ENV_TOKEN + "\nLength: " + token.length() + " characters");
    }

    private static String safeMessage(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String redact(Credentials credentials) {
        if (credentials instanceof Credentials.ApiToken t) {
            return redactSecret(t.token());
        }
        if (credentials instanceof Credentials.LegacyApiKey k) {
            return redactSecret(k.key());
        }
        return "";
    }

    /**
     * Keeps a known prefix ({@code cfut_}, {@code cfat_}, ...) and the last four characters, so a person
     * can tell two tokens apart; short secrets show nothing of themselves.
     */
    static String redactSecret(String secret) {
        if (secret == null) {
            return "";
        }
        String s = secret.strip();
        if (s.isEmpty()) {
            return "(empty)";
        }
        String prefix = "";
        int underscore = s.indexOf('_');
        if (underscore > 0 && underscore <= 6 && s.startsWith("cf")) {
            prefix = s.substring(0, underscore + 1);
        }
        String rest = s.substring(prefix.length());
        if (rest.length() < 16) {
            return prefix + "…";
        }
        return prefix + "…" + rest.substring(rest.length() - 4);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
