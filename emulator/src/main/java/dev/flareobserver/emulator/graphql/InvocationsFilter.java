package dev.flareobserver.emulator.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filter} argument of {@code workersInvocationsAdaptive}, reduced to what the
 * aggregation needs: a time range in whole minutes (a minute counts when its start satisfies
 * every time filter, since minutes are the simulator's finest grain) and a predicate over
 * (scriptName, status, scriptVersion). Time filters may appear at the top level or under
 * {@code AND}; under {@code OR} they are refused (the emulator's simplification).
 */
final class InvocationsFilter {

    /** Predicate over one cell of the simulator. */
    interface CellPredicate {
        boolean test(String scriptName, String status, String scriptVersion);
    }

    private Instant lower;
    private Instant upper;
    private long fromMinute = Long.MIN_VALUE;
    private long toMinute = Long.MAX_VALUE;
    private Set<String> scripts;
    private final CellPredicate predicate;

    private InvocationsFilter(Map<String, Object> filter) {
        this.predicate = filter == null ? (s, st, v) -> true : parse(filter, false, true);
    }

    static InvocationsFilter of(Map<String, Object> filter) {
        return new InvocationsFilter(filter);
    }

    /** The earliest instant the filter allows, or null when it has no lower time bound. */
    Instant lower() {
        return lower;
    }

    /** The latest instant the filter allows, or null when it has no upper time bound. */
    Instant upper() {
        return upper;
    }

    /** First epoch minute included. */
    long fromMinute() {
        return fromMinute;
    }

    /** First epoch minute no longer included. */
    long toMinute() {
        return toMinute;
    }

    /** Script names the filter restricts to at the top level (or under AND), or null for any. */
    Set<String> scripts() {
        return scripts;
    }

    boolean test(String scriptName, String status, String scriptVersion) {
        return predicate.test(scriptName, status, scriptVersion);
    }

    @SuppressWarnings("unchecked")
    private CellPredicate parse(Map<String, Object> filter, boolean inOr, boolean conjunctive) {
        List<CellPredicate> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                continue; // an unset variable: the filter is absent, as in the docs' tutorial without scriptName
            }
            switch (key) {
                case "AND" -> {
                    for (Object item : (List<Object>) value) {
                        parts.add(parse((Map<String, Object>) item, inOr, conjunctive));
                    }
                }
                case "OR" -> {
                    List<CellPredicate> any = new ArrayList<>();
                    for (Object item : (List<Object>) value) {
                        any.add(parse((Map<String, Object>) item, true, false));
                    }
                    parts.add((s, st, v) -> any.stream().anyMatch(p -> p.test(s, st, v)));
                }
                case "datetime_geq", "datetime_gt", "datetime_leq", "datetime_lt",
                     "date", "date_geq", "date_gt", "date_leq", "date_lt" -> {
                    if (inOr) {
                        throw new QueryError("error parsing args: the emulator supports time filters only outside OR ("
                                + key + ")");
                    }
                    time(key, (String) value);
                }
                case "scriptName" -> {
                    String name = (String) value;
                    restrictScripts(conjunctive && !inOr, Set.of(name));
                    parts.add((s, st, v) -> name.equals(s));
                }
                case "scriptName_in" -> {
                    Set<String> names = new LinkedHashSet<>((List<String>) value);
                    restrictScripts(conjunctive && !inOr, names);
                    parts.add((s, st, v) -> names.contains(s));
                }
                case "scriptName_neq" -> parts.add((s, st, v) -> !value.equals(s));
                case "status" -> parts.add((s, st, v) -> value.equals(st));
                case "status_in" -> {
                    Set<String> statuses = Set.copyOf((List<String>) value);
                    parts.add((s, st, v) -> statuses.contains(st));
                }
                case "status_neq" -> parts.add((s, st, v) -> !value.equals(st));
                case "scriptVersion" -> parts.add((s, st, v) -> value.equals(v));
                case "scriptVersion_in" -> {
                    Set<String> versions = Set.copyOf((List<String>) value);
                    parts.add((s, st, v) -> versions.contains(v));
                }
                default -> throw new QueryError("unknown field \"" + key + "\" in filter");
            }
        }
        return (s, st, v) -> {
            for (CellPredicate p : parts) {
                if (!p.test(s, st, v)) {
                    return false;
                }
            }
            return true;
        };
    }

    private void restrictScripts(boolean applies, Set<String> names) {
        if (!applies) {
            return;
        }
        if (scripts == null) {
            scripts = new LinkedHashSet<>(names);
        } else {
            scripts.retainAll(names);
        }
    }

    private void time(String key, String value) {
        if (key.startsWith("datetime")) {
            Instant t = parseTime(key, value);
            long ms = t.toEpochMilli();
            switch (key) {
                case "datetime_geq" -> lowerBound(t, Math.floorDiv(ms + 59_999, 60_000));
                case "datetime_gt" -> lowerBound(t, Math.floorDiv(ms, 60_000) + 1);
                case "datetime_leq" -> upperBound(t, Math.floorDiv(ms, 60_000) + 1);
                default -> upperBound(t, Math.floorDiv(ms + 59_999, 60_000)); // datetime_lt
            }
            return;
        }
        LocalDate day = parseDate(key, value);
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant next = start.plusSeconds(86_400);
        long startMinute = start.getEpochSecond() / 60;
        long nextMinute = next.getEpochSecond() / 60;
        switch (key) {
            case "date" -> {
                lowerBound(start, startMinute);
                upperBound(next, nextMinute);
            }
            case "date_geq" -> lowerBound(start, startMinute);
            case "date_gt" -> lowerBound(next, nextMinute);
            case "date_leq" -> upperBound(next, nextMinute);
            default -> upperBound(start, startMinute); // date_lt
        }
    }

    private void lowerBound(Instant t, long minute) {
        if (lower == null || t.isAfter(lower)) {
            lower = t;
        }
        fromMinute = Math.max(fromMinute, minute);
    }

    private void upperBound(Instant t, long minute) {
        if (upper == null || t.isBefore(upper)) {
            upper = t;
        }
        toMinute = Math.min(toMinute, minute);
    }

    static Instant parseTime(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                throw new QueryError("error parsing args: " + field + ": \"" + value
                        + "\" is not an RFC 3339 time (e.g. 2022-08-04T00:00:00Z)");
            }
        }
    }

    private static LocalDate parseDate(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new QueryError("error parsing args: " + field + ": \"" + value + "\" is not a date (e.g. 2022-08-04)");
        }
    }
}
