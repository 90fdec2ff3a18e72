package dev.flareobserver.emulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an injected fault does to a matching request. */
public enum FaultKind {
    /** Answer with {@code status} (default 500) and the failure envelope; {@code Retry-After} if given. */
    STATUS,
    /** Answer 429 with the failure envelope, {@code Retry-After} and an exhausted {@code Ratelimit} header. */
    RATE_LIMIT,
    /** Wait {@code latency_ms}, then serve the request normally. */
    LATENCY,
    /** Close the connection without any response (the client sees EOF / a reset). */
    RESET,
    /** 200 with a JSON body cut off half-way. */
    MALFORMED_JSON,
    /** An HTML error page ({@code text/html}), as a proxy in front of the API would send; status default 502. */
    HTML,
    /** {@code success:false} with the given errors; HTTP status default 200 (the "200 with success:false" case). */
    API_ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FaultKind fromWire(String s) {
        for (FaultKind k : values()) {
            if (k.wire().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown fault kind '" + s
                + "'; expected status, rate_limit, latency, reset, malformed_json, html or api_error");
    }
}
