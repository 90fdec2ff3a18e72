package dev.flareobserver.orchestration.provision;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules checked before any request; each check says what is wrong, or nothing. */
public final class ResourceNames {

    /** A binding becomes a JavaScript global ({@code env.NAME}): it must be an identifier. */
    private static final Pattern BINDING = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /** R2: 3-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    /** Queues: lowercase letters, digits and dashes, 1-63, not starting or ending with a dash (wrangler's rule). */
    private static final Pattern QUEUE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /**
     * D1: letters, digits, dashes and underscores, up to 64. The API's exact rule is unconfirmed; this is what
     * wrangler and the dashboard accept in practice.
     */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** KV titles: any text up to 512 characters (the API's limit). */
    static final int MAX_TITLE = 512;

    private ResourceNames() {
    }

    public static Optional<String> checkBinding(String binding) {
        if (binding == null || binding.isEmpty()) {
            return Optional.of("the entry has no \"binding\" name");
        }
        if (!BINDING.matcher(binding).matches()) {
            return Optional.of("binding name \"" + binding + "\" is not a JavaScript identifier (letters, digits, _ and $, "
                    + "not starting with a digit)");
        }
        return Optional.empty();
    }

    public static Optional<String> checkName(ResourceKind kind, String name) {
        return switch (kind) {
            case KV_NAMESPACE -> name.isBlank() || name.length() > MAX_TITLE
                    ? Optional.of("KV namespace title must be 1-" + MAX_TITLE + " characters") : Optional.empty();
            case R2_BUCKET -> BUCKET.matcher(name).matches() ? Optional.empty()
                    : Optional.of("R2 bucket name \"" + name + "\" is invalid: 3-63 lowercase letters, digits and "
                    + "hyphens, starting and ending with a letter or digit");
            case D1_DATABASE -> DATABASE.matcher(name).matches() ? Optional.empty()
                    : Optional.of("D1 database name \"" + name + "\" is invalid: 1-64 letters, digits, - and _, "
                    + "starting with a letter or digit");
            case QUEUE -> QUEUE.matcher(name).matches() ? Optional.empty()
                    : Optional.of("queue name \"" + name + "\" is invalid: 1-63 lowercase letters, digits and "
                    + "dashes, not starting or ending with a dash");
        };
    }

    /**
     * The name wrangler's automatic provisioning gives a resource the config does not name:
     * {@code <worker>-<binding in lower case, first "_" as "-">} (wrangler uses JavaScript's
     * {@code replace("_", "-")}, which replaces only the first underscore). Following it exactly means a
     * namespace created by either tool is found again by the other. R2 forbids underscores, so there every one
     * becomes a dash.
     */
    public static String defaultName(ResourceKind kind, String workerName, String binding) {
        String lower = binding.toLowerCase(Locale.ROOT);
        String tail = kind == ResourceKind.R2_BUCKET ? lower.replace('_', '-') : lower.replaceFirst("_", "-");
        return workerName + "-" + tail;
    }
}
