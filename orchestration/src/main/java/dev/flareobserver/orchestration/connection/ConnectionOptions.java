package dev.flareobserver.orchestration.connection;

import dev.flareobserver.transport.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AccountConnection} talks to the API. The defaults suit the desktop app; tests shorten
 * the timeouts and switch retries off.
 */
public record ConnectionOptions(String userAgent, Duration connectTimeout, Duration readTimeout,
                                Duration callTimeout, RetryPolicy retryPolicy, Clock clock, int maxAccounts) {

    public ConnectionOptions {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(clock, "clock");
        if (maxAccounts < 1) {
            throw new IllegalArgumentException("maxAccounts must be at least 1");
        }
    }

    public static ConnectionOptions defaults() {
        // A person waits for the first connect: retry briefly rather than for the transport's full minute.
        return new ConnectionOptions("flare-observer/0.1", Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), RetryPolicy.defaults().withDeadline(Duration.ofSeconds(20)),
                Clock.systemUTC(), 1000);
    }

    public ConnectionOptions withRetryPolicy(RetryPolicy policy) {
        return new ConnectionOptions(userAgent, connectTimeout, readTimeout, callTimeout, policy, clock, maxAccounts);
    }

    public ConnectionOptions withTimeouts(Duration connect, Duration read, Duration call) {
        return new ConnectionOptions(userAgent, connect, read, call, retryPolicy, clock, maxAccounts);
    }

    public ConnectionOptions withUserAgent(String value) {
        return new ConnectionOptions(value, connectTimeout, readTimeout, callTimeout, retryPolicy, clock, maxAccounts);
    }
}
