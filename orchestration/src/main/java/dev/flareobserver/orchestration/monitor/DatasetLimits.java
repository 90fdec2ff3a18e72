package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.CloudflareClient;
import dev.flareobserver.api.analytics.DatasetSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code workersInvocationsAdaptive} limits of an account, read from the {@code settings} node once per
 * connection (a connection has one client; a reconnect makes a new one) and shared by every monitor. When the
 * node is unavailable the documented defaults are assumed: 7 days per query, 31 days back, 10000 rows.
 */
final class DatasetLimits {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLimits.class);
    private static final Map<CloudflareClient, Map<String, DatasetSettings>> CACHE = new WeakHashMap<>();

    static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(7);
    static final Duration DEFAULT_NOT_OLDER_THAN = Duration.ofSeconds(2_678_400);
    static final int DEFAULT_MAX_PAGE_SIZE = 10_000;

    private DatasetLimits() {
    }

    static DatasetSettings of(CloudflareClient client, String accountId) {
        synchronized (CACHE) {
            DatasetSettings known = CACHE.getOrDefault(client, Map.of()).get(accountId);
            if (known != null) {
                return known;
            }
        }
        DatasetSettings read;
        try {
            read = client.analytics().workersInvocationsSettings(accountId);
        } catch (RuntimeException e) {
            // Not every plan (or emulator) serves the settings node; the defaults are safe limits.
            LOG.debug("Dataset settings unavailable for {}: {}", accountId, e.toString());
            read = null;
        }
        DatasetSettings settings = read == null ? DatasetSettings.assumed() : read;
        synchronized (CACHE) {
            CACHE.computeIfAbsent(client, c -> new HashMap<>()).put(accountId, settings);
        }
        return settings;
    }

    /** Clamps {@code [since, until]} to the dataset's maximum range and age; {@code until} stays. */
    static Instant clampSince(DatasetSettings settings, Instant since, Instant until, Instant now) {
        Instant earliestByRange = until.minus(settings.maxDurationOr(DEFAULT_MAX_DURATION));
        // a minute of margin: "not older than" is checked by the server a moment later
        Instant earliestByAge = now.minus(settings.notOlderThanOr(DEFAULT_NOT_OLDER_THAN)).plusSeconds(60);
        Instant clamped = since;
        if (clamped.isBefore(earliestByRange)) {
            clamped = earliestByRange;
        }
        if (clamped.isBefore(earliestByAge)) {
            clamped = earliestByAge;
        }
        return clamped;
    }

    static int limit(DatasetSettings settings) {
        return Math.min(DEFAULT_MAX_PAGE_SIZE, settings.maxPageSizeOr(DEFAULT_MAX_PAGE_SIZE));
    }
}
