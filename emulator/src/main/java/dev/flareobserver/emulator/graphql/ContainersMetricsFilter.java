package dev.flareobserver.emulator.graphql;

import dev.flareobserver.emulator.containers.InstanceSample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code filter} of {@code containersMetricsAdaptiveGroups}: time bounds (at the top level or under AND, as for
 * the Workers dataset) and predicates on the samples' dimensions. Keys follow graphql-analytics.md §4 (instanceId,
 * labels_has, datetime_geq/leq) and the filter grammar (§2: {@code k}, {@code k_in}, {@code k_neq} on dimensions);
 * filtering on applicationId, placementId, location and region is that grammar applied to the listed dimensions,
 * which Cloudflare's tutorial does not show (unconfirmed).
 */
final class ContainersMetricsFilter {

    private static final Map<String, Function<InstanceSample, String>> DIMENSIONS = Map.of(
            "instanceId", InstanceSample::instanceId,
            "placementId", InstanceSample::instanceId,
            "applicationId", InstanceSample::applicationId,
            "location", InstanceSample::location,
            "region", InstanceSample::region);

    private Instant lower;
    private boolean lowerInclusive = true;
    private Instant upper;
    private boolean upperInclusive = true;
    private final Predicate<InstanceSample> predicate;

    private ContainersMetricsFilter(Map<String, Object> filter) {
        this.predicate = filter == null ? s -> true : parse(filter, false);
    }

    static ContainersMetricsFilter of(Map<String, Object> filter) {
        return new ContainersMetricsFilter(filter);
    }

    Instant lower() {
        return lower;
    }

    Instant upper() {
        return upper;
    }

    boolean test(InstanceSample s) {
        Instant t = s.time();
        if (lower != null && (lowerInclusive ? t.isBefore(lower) : !t.isAfter(lower))) {
            return false;
        }
        if (upper != null && (upperInclusive ? t.isAfter(upper) : !t.isBefore(upper))) {
            return false;
        }
        return predicate.test(s);
    }

    @SuppressWarnings("unchecked")
    private Predicate<InstanceSample> parse(Map<String, Object> filter, boolean inOr) {
        List<Predicate<InstanceSample>> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                continue; // an unset variable
            }
            switch (key) {
                case "AND" -> ((List<Object>) value).forEach(item -> parts.add(parse((Map<String, Object>) item, inOr)));
                case "OR" -> {
                    List<Predicate<InstanceSample>> any = new ArrayList<>();
                    ((List<Object>) value).forEach(item -> any.add(parse((Map<String, Object>) item, true)));
                    parts.add(s -> any.stream().anyMatch(p -> p.test(s)));
                }
                case "datetime_geq", "datetime_gt", "datetime_leq", "datetime_lt",
                     "date", "date_geq", "date_gt", "date_leq", "date_lt" -> {
                    if (inOr) {
                        throw new QueryError("error parsing args: the emulator supports time filters only outside OR ("
                                + key + ")");
                    }
                    time(key, (String) value);
                }
                case "labels_has" -> {
                    // "env=production": the label is set to that value; "env": the label is set.
                    String wanted = (String) value;
                    int eq = wanted.indexOf('=');
                    String name = eq < 0 ? wanted : wanted.substring(0, eq);
                    String v = eq < 0 ? null : wanted.substring(eq + 1);
                    parts.add(s -> s.labels().containsKey(name) && (v == null || v.equals(s.labels().get(name))));
                }
                default -> parts.add(dimension(key, value));
            }
        }
        return s -> parts.stream().allMatch(p -> p.test(s));
    }

    @SuppressWarnings("unchecked")
    private static Predicate<InstanceSample> dimension(String key, Object value) {
        String base = key.endsWith("_in") ? key.substring(0, key.length() - 3)
                : key.endsWith("_neq") ? key.substring(0, key.length() - 4) : key;
        Function<InstanceSample, String> of = DIMENSIONS.get(base);
        if (of == null) {
            throw new QueryError("unknown field \"" + key + "\" in filter");
        }
        if (key.endsWith("_in")) {
            Set<String> values = Set.copyOf((List<String>) value);
            return s -> values.contains(of.apply(s));
        }
        return key.endsWith("_neq") ? s -> !value.equals(of.apply(s)) : s -> value.equals(of.apply(s));
    }

    private void time(String key, String value) {
        if (key.startsWith("datetime")) {
            Instant t = InvocationsFilter.parseTime(key, value);
            switch (key) {
                case "datetime_geq" -> lowerBound(t, true);
                case "datetime_gt" -> lowerBound(t, false);
                case "datetime_leq" -> upperBound(t, true);
                default -> upperBound(t, false);
            }
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new QueryError("error parsing args: " + key + ": \"" + value + "\" is not a date (e.g. 2022-08-04)");
        }
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant next = start.plusSeconds(86_400);
        switch (key) {
            case "date" -> {
                lowerBound(start, true);
                upperBound(next, false);
            }
            case "date_geq" -> lowerBound(start, true);
            case "date_gt" -> lowerBound(next, true);
            case "date_leq" -> upperBound(next, false);
            default -> upperBound(start, false);
        }
    }

    private void lowerBound(Instant t, boolean inclusive) {
        if (lower == null || t.isAfter(lower)) {
            lower = t;
            lowerInclusive = inclusive;
        }
    }

    private void upperBound(Instant t, boolean inclusive) {
        if (upper == null || t.isBefore(upper)) {
            upper = t;
            upperInclusive = inclusive;
        }
    }
}
