package dev.flareobserver.orchestration.resources.kv;

import dev.flareobserver.api.kv.KvWriteOptions;
import java.time.Instant;

/**
 * When a written key expires: never, {@code ttlSeconds} after the write, or at {@code at}. Checked against
 * Cloudflare's 60-second minimum when the write is validated.
 */
public record KvExpiry(Long ttlSeconds, Instant at) {

    public KvExpiry {
        if (ttlSeconds != null && at != null) {
            throw new IllegalArgumentException("Give a TTL or an expiration time, not both");
        }
    }

    public static KvExpiry never() {
        return new KvExpiry(null, null);
    }

    public static KvExpiry ttl(long seconds) {
        return new KvExpiry(seconds, null);
    }

    public static KvExpiry at(Instant when) {
        return new KvExpiry(null, when);
    }

    void validate(Instant now) {
        if (ttlSeconds != null) {
            KvLimits.requireTtl(ttlSeconds);
        }
        if (at != null) {
            KvLimits.requireExpiration(at.getEpochSecond(), now);
        }
    }

    KvWriteOptions toOptions() {
        return new KvWriteOptions(at == null ? null : at.getEpochSecond(), ttlSeconds, null);
    }
}
