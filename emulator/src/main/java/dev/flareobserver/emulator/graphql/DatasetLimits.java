package dev.flareobserver.emulator.graphql;

import java.util.List;

/**
 * The limits of {@code workersInvocationsAdaptive} as the {@code settings} node reports and the
 * emulator enforces them. Cloudflare's real values depend on the plan and are unconfirmed; these
 * follow the Workers docs ("up to three months in the past in maximum increments of one week") and
 * the error catalogue's "cannot request data older than 2678400s" (31 days).
 */
final class DatasetLimits {

    static final long MAX_PAGE_SIZE = 10_000;
    static final long MAX_NUMBER_OF_FIELDS = 50;
    static final long NOT_OLDER_THAN_SECONDS = 2_678_400;
    static final long MAX_DURATION_SECONDS = 604_800;
    /** Cloudflare: 300 GraphQL queries per 5-minute window, counted apart from the REST limit. */
    static final int QUERIES_PER_WINDOW = 300;

    static final List<String> DIMENSIONS = List.of("date", "datetime", "datetimeMinute", "datetimeFifteenMinutes",
            "datetimeHour", "scriptName", "scriptVersion", "status");
    static final List<String> SUMS = List.of("requests", "errors", "subrequests", "wallTime", "duration");
    static final List<String> QUANTILES = List.of("cpuTimeP50", "cpuTimeP75", "cpuTimeP99", "cpuTimeP999",
            "wallTimeP50", "wallTimeP99", "durationP50", "durationP75", "durationP99", "durationP999");
    static final List<String> MAXES = List.of("cpuTime", "wallTime", "duration");
    static final List<String> AVGS = List.of("sampleInterval");

    private DatasetLimits() {
    }

    /** "dimensions.scriptName", "sum.requests", ...: every field a query may select. */
    static List<String> availableFields() {
        java.util.List<String> out = new java.util.ArrayList<>();
        DIMENSIONS.forEach(f -> out.add("dimensions." + f));
        SUMS.forEach(f -> out.add("sum." + f));
        QUANTILES.forEach(f -> out.add("quantiles." + f));
        MAXES.forEach(f -> out.add("max." + f));
        AVGS.forEach(f -> out.add("avg." + f));
        return List.copyOf(out);
    }
}
