package dev.flareobserver.emulator;

import dev.flareobserver.emulator.workers.DemoWorkers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How to start an {@link Emulator}. Immutable; build with {@link #builder()}. */
public final class EmulatorOptions {

    /** Cloudflare's documented client API limit: 1200 requests per 5 minutes per token. */
    public static final int DEFAULT_RATE_LIMIT = 1200;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(5);
    /** From a tail's creation to its expiry. Cloudflare's real lifetime is unconfirmed; hours, not minutes. */
    public static final Duration DEFAULT_TAIL_LIFETIME = Duration.ofHours(6);
    /** Events per second per tail above which a tail samples (the real threshold is unconfirmed). */
    public static final int DEFAULT_TAIL_SAMPLING_THRESHOLD = 200;
    /**
     * The longest a container instance runs before the emulator stops it. Cloudflare documents no such limit for
     * instances outside a pool (pools have their own {@code max_lifetime_seconds}); the emulator's bound keeps a
     * forgotten demo from running for ever.
     */
    public static final Duration DEFAULT_CONTAINER_MAX_RUNTIME = Duration.ofHours(24);

    /** A token bound to one account (an "Account API Token", {@code cfat_...}). */
    public record AccountToken(String accountId, String token) {
    }

    private final int port;
    private final Path stateDir;
    private final String userToken;
    private final String apiKey;
    private final List<AccountToken> accountTokens;
    private final List<String> expiredTokens;
    private final List<String> disabledTokens;
    private final int extraAccounts;
    private final int workers;
    private final int rateLimit;
    private final Duration rateWindow;
    private final Duration tailLifetime;
    private final int tailSamplingThreshold;
    private final int kvLargeNamespaceKeys;
    private final Duration containerMaxRuntime;
    private final Clock clock;

    private EmulatorOptions(Builder b) {
        this.port = b.port;
        this.stateDir = b.stateDir;
        this.userToken = b.userToken;
        this.apiKey = b.apiKey;
        this.accountTokens = List.copyOf(b.accountTokens);
        this.expiredTokens = List.copyOf(b.expiredTokens);
        this.disabledTokens = List.copyOf(b.disabledTokens);
        this.extraAccounts = b.extraAccounts;
        this.workers = b.workers;
        this.rateLimit = b.rateLimit;
        this.rateWindow = b.rateWindow;
        this.tailLifetime = b.tailLifetime;
        this.tailSamplingThreshold = b.tailSamplingThreshold;
        this.kvLargeNamespaceKeys = b.kvLargeNamespaceKeys;
        this.containerMaxRuntime = b.containerMaxRuntime;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** In memory, random port, generated token, the two demo accounts, Cloudflare's rate limit. */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    /**
     * Where demo mode keeps its state: {@code $XDG_DATA_HOME/flare-observer/emulator}, or
     * {@code ~/.local/share/flare-observer/emulator} when XDG_DATA_HOME is unset or not absolute
     * (the XDG spec says relative values are to be ignored).
     */
    public static Path defaultStateDir() {
        return defaultStateDir(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultStateDir(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(userHome, ".local", "share");
        return base.resolve("flare-observer").resolve("emulator");
    }

    public int port() {
        return port;
    }

    /** Null: in-memory state. */
    public Path stateDir() {
        return stateDir;
    }

    /** Null: reuse the stored demo token, or generate one. */
    public String userToken() {
        return userToken;
    }

    /** Null: reuse the stored global API key, or generate one. */
    public String apiKey() {
        return apiKey;
    }

    public List<AccountToken> accountTokens() {
        return accountTokens;
    }

    public List<String> expiredTokens() {
        return expiredTokens;
    }

    public List<String> disabledTokens() {
        return disabledTokens;
    }

    public int extraAccounts() {
        return extraAccounts;
    }

    /** Workers in the production demo account (the staging account gets at most the demo set). */
    public int workers() {
        return workers;
    }

    public int rateLimit() {
        return rateLimit;
    }

    public Duration rateWindow() {
        return rateWindow;
    }

    /** How long a Workers tail lives from its creation; then it goes silent. */
    public Duration tailLifetime() {
        return tailLifetime;
    }

    /** Events per second a tail takes before it samples (and says so with an "overload" notice). */
    public int tailSamplingThreshold() {
        return tailSamplingThreshold;
    }

    /** Keys of the production account's large KV namespace ({@code bench-large}); 0 = no such namespace. */
    public int kvLargeNamespaceKeys() {
        return kvLargeNamespaceKeys;
    }

    /** How long a container instance may run before it is stopped (SIGTERM, then SIGKILL after its grace). */
    public Duration containerMaxRuntime() {
        return containerMaxRuntime;
    }

    public Clock clock() {
        return clock;
    }

    public static final class Builder {
        private int port;
        private Path stateDir;
        private String userToken;
        private String apiKey;
        private final List<AccountToken> accountTokens = new ArrayList<>();
        private final List<String> expiredTokens = new ArrayList<>();
        private final List<String> disabledTokens = new ArrayList<>();
        private int extraAccounts;
        private int workers = DemoWorkers.DEMO_NAMES.size();
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration rateWindow = DEFAULT_RATE_WINDOW;
        private Duration tailLifetime = DEFAULT_TAIL_LIFETIME;
        private int tailSamplingThreshold = DEFAULT_TAIL_SAMPLING_THRESHOLD;
        private int kvLargeNamespaceKeys;
        private Duration containerMaxRuntime = DEFAULT_CONTAINER_MAX_RUNTIME;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 (default) = a random free port. Always bound to 127.0.0.1. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** A directory to keep state in between runs; null (default) = in memory. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** The user API token to accept (default: generated, {@code cfut_} + 40 characters). */
        public Builder userToken(String token) {
            this.userToken = checkToken(token, "user token");
            return this;
        }

        /** The global API key accepted with {@code X-Auth-Email: demo@flareobserver.dev} (default: generated). */
        public Builder apiKey(String key) {
            this.apiKey = checkToken(key, "API key");
            return this;
        }

        /** An account-owned token for {@code accountId} (a demo or extra account id). */
        public Builder accountToken(String accountId, String token) {
            Objects.requireNonNull(accountId, "accountId");
            accountTokens.add(new AccountToken(accountId, checkToken(token, "account token")));
            return this;
        }

        /** A user token that verify reports as {@code expired} and every other call rejects. */
        public Builder expiredToken(String token) {
            expiredTokens.add(checkToken(token, "expired token"));
            return this;
        }

        /** A user token that verify reports as {@code disabled} and every other call rejects. */
        public Builder disabledToken(String token) {
            disabledTokens.add(checkToken(token, "disabled token"));
            return this;
        }

        /** Adds {@code n} accounts ("Acme Sandbox 01"...) after the two demo accounts, for paging. */
        public Builder extraAccounts(int n) {
            if (n < 0 || n > 10_000) {
                throw new IllegalArgumentException("extraAccounts must be between 0 and 10000, got " + n);
            }
            this.extraAccounts = n;
            return this;
        }

        /**
         * Workers in the production demo account, 0..2000 (default: the demo set of 26). Up to 26
         * takes the first n demo Workers (the incident Workers come first); beyond that adds
         * {@code worker-0001}... with a short history each, for benchmarks.
         */
        public Builder workers(int n) {
            if (n < 0 || n > DemoWorkers.MAX_WORKERS) {
                throw new IllegalArgumentException("workers must be between 0 and " + DemoWorkers.MAX_WORKERS + ", got " + n);
            }
            this.workers = n;
            return this;
        }

        /** Requests allowed per token per window (default 1200 per 5 minutes). */
        public Builder restRateLimit(int limit, Duration window) {
            if (limit < 1) {
                throw new IllegalArgumentException("Rate limit must be at least 1, got " + limit);
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("Rate limit window must be positive, got " + window);
            }
            this.rateLimit = limit;
            this.rateWindow = window;
            return this;
        }

        /** How long a tail lives from its creation (default 6 hours); short values let tests see expiry. */
        public Builder tailLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("Tail lifetime must be positive, got " + lifetime);
            }
            this.tailLifetime = lifetime;
            return this;
        }

        /** Events per second per tail before it samples (default 200); benchmarks raise it. */
        public Builder tailSamplingThreshold(int eventsPerSecond) {
            if (eventsPerSecond < 1) {
                throw new IllegalArgumentException("Tail sampling threshold must be at least 1, got " + eventsPerSecond);
            }
            this.tailSamplingThreshold = eventsPerSecond;
            return this;
        }

        /**
         * Adds a KV namespace {@code bench-large} with {@code keys} keys (0..10,000,000) to the production demo
         * account, for benchmarks. Its keys are generated by one SQL statement on the namespace's first use, so
         * starting the emulator stays cheap.
         */
        public Builder kvLargeNamespace(int keys) {
            if (keys < 0 || keys > 10_000_000) {
                throw new IllegalArgumentException("kvLargeNamespace must be between 0 and 10000000 keys, got " + keys);
            }
            this.kvLargeNamespaceKeys = keys;
            return this;
        }

        /** The longest a container instance runs before it is stopped (default 24 hours); tests use seconds. */
        public Builder containerMaxRuntime(Duration maxRuntime) {
            if (maxRuntime == null || maxRuntime.isNegative() || maxRuntime.isZero()) {
                throw new IllegalArgumentException("Container max runtime must be positive, got " + maxRuntime);
            }
            this.containerMaxRuntime = maxRuntime;
            return this;
        }

        /** The clock for rate-limit windows, fault durations and timestamps (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(this);
        }

        private static String checkToken(String token, String what) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("The " + what + " must not be empty");
            }
            if (token.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch < 0x21 || ch > 0x7e)) {
                // The value goes into an HTTP header; never echo it in the message.
                throw new IllegalArgumentException("The " + what + " must be printable ASCII without spaces");
            }
            return token;
        }
    }
}
