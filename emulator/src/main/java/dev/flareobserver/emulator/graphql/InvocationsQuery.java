package dev.flareobserver.emulator.graphql;

import dev.flareobserver.emulator.traffic.InvocationStatus;
import dev.flareobserver.emulator.traffic.Lognormal;
import dev.flareobserver.emulator.traffic.TrafficSimulator;
import dev.flareobserver.emulator.traffic.WorkerModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers one {@code workersInvocationsAdaptive} field: groups the simulator's cells by the
 * dimensions the query selects (datetime dimensions truncated to their grain), drops empty
 * groups (no invocations, no row, as Cloudflare), sorts and cuts to {@code limit}.
 */
final class InvocationsQuery {

    /** What the query asked for; {@code dimensions} are field names under {@code dimensions}. */
    record Spec(Set<String> dimensions, boolean latency, long limit, List<String> orderBy) {
    }

    /** Group identity: time (epoch minute of the group's start, or MIN when ungrouped) and the string dimensions. */
    private record Key(long minute, String scriptName, String status, String scriptVersion) {
    }

    private final TrafficSimulator simulator;

    InvocationsQuery(TrafficSimulator simulator) {
        this.simulator = simulator;
    }

    /** Grain in minutes of the finest selected datetime dimension; 0 when none is selected. */
    static int grain(Set<String> dimensions) {
        int g = 0;
        for (String d : dimensions) {
            int own = switch (d) {
                case "datetime", "datetimeMinute" -> 1;
                case "datetimeFifteenMinutes" -> 15;
                case "datetimeHour" -> 60;
                case "date" -> 1440;
                default -> 0;
            };
            if (own > 0 && (g == 0 || own < g)) {
                g = own;
            }
        }
        return g;
    }

    List<Row> run(String accountId, Spec spec, InvocationsFilter filter) {
        long a = filter.fromMinute();
        long b = Math.min(filter.toMinute(), TrafficSimulator.epochMinute(simulator.dataEnd()));
        if (a == Long.MIN_VALUE || b <= a) {
            return List.of();
        }
        int g = grain(spec.dimensions());
        long[] bounds = boundaries(a, b, g);
        boolean byScript = spec.dimensions().contains("scriptName");
        boolean byStatus = spec.dimensions().contains("status");
        boolean byVersion = spec.dimensions().contains("scriptVersion");

        List<String> scripts = simulator.scriptNames(accountId);
        if (filter.scripts() != null) {
            Set<String> wanted = filter.scripts();
            scripts = scripts.stream().filter(wanted::contains).toList();
        }
        // With scriptName among the dimensions no group spans Workers: each Worker's groups go
        // straight to the output from a small array. Otherwise groups merge across Workers by key.
        List<Row> rows = new ArrayList<>();
        Map<Key, Row> groups = byScript ? null : new HashMap<>();
        for (String script : scripts) {
            WorkerModel model = simulator.model(accountId, script);
            if (!model.serves()) {
                continue;
            }
            int cells = model.cellCount();
            boolean[] pass = new boolean[cells];
            boolean any = false;
            for (int c = 0; c < cells; c++) {
                pass[c] = filter.test(script, model.status(c).wire(), model.versionId(model.version(c)));
                any |= pass[c];
            }
            if (!any) {
                continue;
            }
            int statusSlots = byStatus ? InvocationStatus.ALL.size() : 1;
            int versionSlots = byVersion ? cells / InvocationStatus.ALL.size() : 1;
            Row[] local = byScript ? new Row[statusSlots * versionSlots] : null;
            long[] previous = model.cumulative(bounds[0]);
            for (int i = 0; i + 1 < bounds.length; i++) {
                long[] next = model.cumulative(bounds[i + 1]);
                long from = bounds[i];
                long to = bounds[i + 1];
                long groupMinute = g == 0 ? Long.MIN_VALUE : Math.floorDiv(from, g) * g;
                for (int c = 0; c < cells; c++) {
                    long n = next[c] - previous[c];
                    if (n == 0 || !pass[c]) {
                        continue;
                    }
                    InvocationStatus status = model.status(c);
                    int version = model.version(c);
                    Row row;
                    if (byScript) {
                        int slot = (byStatus ? status.ordinal() : 0) * versionSlots + (byVersion ? version : 0);
                        row = local[slot];
                        if (row == null) {
                            row = new Row(groupMinute, script, byStatus ? status.wire() : null,
                                    byVersion ? model.versionId(version) : null);
                            local[slot] = row;
                            rows.add(row);
                        }
                    } else {
                        Key key = new Key(groupMinute, null, byStatus ? status.wire() : null,
                                byVersion ? model.versionId(version) : null);
                        row = groups.computeIfAbsent(key, k -> new Row(k.minute(), k.scriptName(), k.status(),
                                k.scriptVersion()));
                    }
                    row.requests += n;
                    if (status.isError()) {
                        row.errors += n;
                    }
                    row.subrequests += model.subrequests(next[c]) - model.subrequests(previous[c]);
                    if (spec.latency()) {
                        row.add(model.cpu(version, status, from, to, n), model.wall(version, status, from, to, n));
                    }
                }
                previous = next;
                if (local != null) {
                    java.util.Arrays.fill(local, null);
                }
            }
        }
        if (groups != null) {
            rows.addAll(groups.values());
        }
        rows.sort(comparator(spec.orderBy()));
        return rows.size() > spec.limit() ? List.copyOf(rows.subList(0, (int) spec.limit())) : rows;
    }

    /** a, every multiple of the grain inside (a, b), b; or just a and b without a grain. */
    static long[] boundaries(long a, long b, int g) {
        if (g == 0) {
            return new long[]{a, b};
        }
        List<Long> out = new ArrayList<>();
        out.add(a);
        for (long m = Math.floorDiv(a, g) * g + g; m < b; m += g) {
            out.add(m);
        }
        out.add(b);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static Comparator<Row> comparator(List<String> orderBy) {
        // Hand-written: a 7-day query over 1000 Workers sorts ~170 000 rows.
        Comparator<Row> natural = (x, y) -> {
            int c = Long.compare(x.minute, y.minute);
            if (c == 0) {
                c = compareNullable(x.scriptName, y.scriptName);
            }
            if (c == 0) {
                c = compareNullable(x.status, y.status);
            }
            return c != 0 ? c : compareNullable(x.scriptVersion, y.scriptVersion);
        };
        if (orderBy == null || orderBy.isEmpty()) {
            return natural;
        }
        Comparator<Row> out = null;
        for (String o : orderBy) {
            boolean desc = o.endsWith("_DESC");
            String field = o.substring(0, o.lastIndexOf('_'));
            int split = field.indexOf('_');
            int grain = split < 0 ? grain(Set.of(field)) : 0;
            Comparator<Row> one;
            if (grain > 0) {
                // Times compare as numbers: formatting them for every comparison would dominate a big sort.
                one = Comparator.comparingLong(r -> Math.floorDiv(r.minute, grain));
            } else if (split < 0) {
                one = Comparator.comparing(r -> (String) r.dimension(field), Comparator.nullsFirst(Comparator.naturalOrder()));
            } else {
                String part = field.substring(0, split);
                String name = field.substring(split + 1);
                one = Comparator.comparing(r -> r.value(part, name), Comparator.nullsFirst(InvocationsQuery::compareValues));
            }
            if (desc) {
                one = one.reversed();
            }
            out = out == null ? one : out.thenComparing(one);
        }
        return out.thenComparing(natural);
    }

    private static int compareNullable(String x, String y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        return x.compareTo(y);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object x, Object y) {
        if (x instanceof Number nx && y instanceof Number ny) {
            return Double.compare(nx.doubleValue(), ny.doubleValue());
        }
        return ((Comparable) x).compareTo(y);
    }

    /** One output row; latency figures are computed when first read. */
    static final class Row {
        private static final double GB_PER_WORKER = 0.125; // 128 MB, the standard Workers memory
        final long minute;
        final String scriptName;
        final String status;
        final String scriptVersion;
        long requests;
        long errors;
        long subrequests;
        // Allocated on first use: a 7-day query over 1000 Workers makes ~170 000 rows, most without latency.
        private List<Lognormal.Component> cpu = List.of();
        private List<Lognormal.Component> wall = List.of();
        private Map<String, Object> memo;

        Row(long minute, String scriptName, String status, String scriptVersion) {
            this.minute = minute;
            this.scriptName = scriptName;
            this.status = status;
            this.scriptVersion = scriptVersion;
        }

        void add(Lognormal.Component c, Lognormal.Component w) {
            if (cpu.isEmpty()) {
                cpu = new ArrayList<>(4);
                wall = new ArrayList<>(4);
            }
            merge(cpu, c);
            merge(wall, w);
        }

        /** Same distribution (same Worker, version, group): add the weight instead of another part. */
        private static void merge(List<Lognormal.Component> parts, Lognormal.Component c) {
            for (int i = parts.size() - 1; i >= 0 && i >= parts.size() - 8; i--) {
                Lognormal.Component p = parts.get(i);
                if (p.mu() == c.mu() && p.sigma() == c.sigma()) {
                    parts.set(i, new Lognormal.Component(p.mu(), p.sigma(), p.weight() + c.weight()));
                    return;
                }
            }
            parts.add(c);
        }

        /** A dimension's value: Time/Date strings truncated to the dimension's grain, or the name. */
        Object dimension(String name) {
            return switch (name) {
                case "scriptName" -> scriptName;
                case "status" -> status;
                case "scriptVersion" -> scriptVersion;
                case "datetime", "datetimeMinute" -> time(1);
                case "datetimeFifteenMinutes" -> time(15);
                case "datetimeHour" -> time(60);
                case "date" -> minute == Long.MIN_VALUE ? null
                        : LocalDate.ofInstant(Instant.ofEpochSecond(minute * 60), ZoneOffset.UTC).toString();
                default -> null;
            };
        }

        private String time(int grain) {
            return minute == Long.MIN_VALUE ? null : Instant.ofEpochSecond(Math.floorDiv(minute, grain) * grain * 60).toString();
        }

        /** sum/quantiles/max/avg values by field name. */
        Object value(String part, String field) {
            return switch (part) {
                case "sum" -> switch (field) {
                    case "requests" -> requests;
                    case "errors" -> errors;
                    case "subrequests" -> subrequests;
                    case "wallTime" -> Math.round(memo("sumWall", () -> Lognormal.total(bins(wall))));
                    case "duration" -> memo("sumWall", () -> Lognormal.total(bins(wall))) * 1e-6 * GB_PER_WORKER;
                    default -> null;
                };
                case "quantiles" -> quantile(field);
                case "max" -> switch (field) {
                    case "cpuTime" -> Math.round(top(cpu, "maxCpu"));
                    case "wallTime" -> Math.round(Math.max(top(wall, "maxWall"), top(cpu, "maxCpu")));
                    case "duration" -> Math.max(top(wall, "maxWall"), top(cpu, "maxCpu")) * 1e-6 * GB_PER_WORKER;
                    default -> null;
                };
                case "avg" -> "sampleInterval".equals(field) ? 1.0 : null; // every invocation counted, none sampled
                default -> null;
            };
        }

        private Object quantile(String field) {
            String metric;
            String suffix;
            if (field.startsWith("cpuTimeP")) {
                metric = "cpu";
                suffix = field.substring("cpuTimeP".length());
            } else if (field.startsWith("wallTimeP")) {
                metric = "wall";
                suffix = field.substring("wallTimeP".length());
            } else if (field.startsWith("durationP")) {
                metric = "duration";
                suffix = field.substring("durationP".length());
            } else {
                return null;
            }
            double p = switch (suffix) {
                case "50" -> 0.5;
                case "75" -> 0.75;
                case "99" -> 0.99;
                case "999" -> 0.999;
                default -> Double.NaN;
            };
            if (Double.isNaN(p)) {
                return null;
            }
            List<Lognormal.Component> parts = metric.equals("cpu") ? cpu : wall;
            double us = memo(metric.equals("cpu") ? "cpu" + suffix : "wall" + suffix,
                    () -> Lognormal.quantile(bins(parts), p));
            if (Double.isNaN(us)) {
                return null;
            }
            return metric.equals("duration") ? us * 1e-6 * GB_PER_WORKER : (double) Math.round(us);
        }

        private double top(List<Lognormal.Component> parts, String key) {
            // The expected largest of n draws sits near the (1 - 1/2n) quantile.
            return memo(key, () -> requests == 0 ? 0 : Lognormal.quantile(bins(parts), 1 - 0.5 / requests));
        }

        /**
         * A row over many Workers is a mixture of thousands of parts; parts closer than 0.02 in
         * ln-space are merged first so the bisection stays fast (error well under 2 %).
         */
        private List<Lognormal.Component> bins(List<Lognormal.Component> parts) {
            if (parts.size() <= 64) {
                return parts;
            }
            Map<Long, double[]> merged = new HashMap<>();
            for (Lognormal.Component c : parts) {
                long k = Math.round(c.mu() / 0.02) * 1_000_003L + Math.round(c.sigma() / 0.02);
                double[] acc = merged.computeIfAbsent(k, x -> new double[3]);
                acc[0] += c.mu() * c.weight();
                acc[1] += c.sigma() * c.weight();
                acc[2] += c.weight();
            }
            List<Lognormal.Component> out = new ArrayList<>(merged.size());
            for (double[] acc : merged.values()) {
                out.add(new Lognormal.Component(acc[0] / acc[2], acc[1] / acc[2], acc[2]));
            }
            return out;
        }

        private double memo(String key, java.util.function.DoubleSupplier f) {
            if (memo == null) {
                memo = new HashMap<>();
            }
            Object v = memo.get(key);
            if (v == null) {
                v = f.getAsDouble();
                memo.put(key, v);
            }
            return (Double) v;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Row[%d %s %s %s requests=%d errors=%d]", minute, scriptName, status,
                    scriptVersion, requests, errors);
        }
    }
}
