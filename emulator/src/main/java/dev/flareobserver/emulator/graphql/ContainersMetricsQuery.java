package dev.flareobserver.emulator.graphql;

import dev.flareobserver.emulator.containers.InstanceSample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Answers one {@code containersMetricsAdaptiveGroups} field from the instances' samples: groups by the selected
 * dimensions (datetime dimensions truncated to their grain), aggregates each group on demand, sorts and cuts to
 * {@code limit}. Units, where the reference is silent (unconfirmed): memory and disk in bytes, cpuUtilization a
 * 0..1 share of the allocated vCPU, bandwidth in bits per second, uptime in seconds, allocatedMemory and
 * allocatedDisk in byte-seconds (as containersUsageAdaptiveGroups documents them), allocatedCpu in vCPU-seconds.
 */
final class ContainersMetricsQuery {

    static final List<String> DIMENSIONS = List.of("instanceId", "placementId", "applicationId", "location", "region",
            "date", "datetime", "datetimeMinute", "datetimeFiveMinutes", "datetimeFifteenMinutes", "datetimeHour",
            "datetimeSixHours");
    static final List<String> SUMS = List.of("cpuTimeSec", "allocatedMemory", "allocatedDisk", "allocatedCpu",
            "rxBytes", "txBytes", "containerUptime");
    static final List<String> AVGS = List.of("memory", "cpuUtilization", "rxBandwidthBps", "txBandwidthBps",
            "gpuMemory", "containerUptime");
    static final List<String> MAXES = List.of("memory", "cpuUtilization", "diskUsage", "diskUsagePercentage",
            "rxBandwidthBps", "txBandwidthBps", "containerUptime");
    /** Quantiles exist for these metrics, as {@code <metric>P50}, {@code P95} and {@code P99}. */
    static final List<String> QUANTILE_METRICS = List.of("memory", "cpuUtilization", "diskUsage", "rxBandwidthBps",
            "txBandwidthBps");
    static final List<String> QUANTILES = QUANTILE_METRICS.stream()
            .flatMap(m -> java.util.stream.Stream.of(m + "P50", m + "P95", m + "P99")).toList();

    /** A selected {@code label(name: ...)}: grouped by under the key {@code "label:" + name}. */
    static String labelKey(String name) {
        return "label:" + name;
    }

    /** What the query asked for: dimension names (and label keys) and orderBy values. */
    record Spec(List<String> dimensions, long limit, List<String> orderBy) {
    }

    private final ContainerSamples source;

    ContainersMetricsQuery(ContainerSamples source) {
        this.source = source;
    }

    List<Group> run(String accountId, Spec spec, ContainersMetricsFilter filter, Instant now) {
        Instant from = filter.lower();
        Instant to = filter.upper() == null ? now.plusSeconds(1) : filter.upper().plusSeconds(1);
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        for (InstanceSample s : source.samples(accountId, from, to)) {
            if (!filter.test(s)) {
                continue;
            }
            List<Object> key = new ArrayList<>(spec.dimensions().size());
            for (String d : spec.dimensions()) {
                key.add(dimension(s, d));
            }
            groups.computeIfAbsent(key, k -> new Group(spec.dimensions(), k)).samples.add(s);
        }
        List<Group> rows = new ArrayList<>(groups.values());
        rows.sort(order(spec));
        return rows.size() > spec.limit() ? List.copyOf(rows.subList(0, (int) spec.limit())) : rows;
    }

    private static Object dimension(InstanceSample s, String d) {
        if (d.startsWith("label:")) {
            return s.labels().getOrDefault(d.substring("label:".length()), "");
        }
        Instant t = s.time();
        return switch (d) {
            case "instanceId", "placementId" -> s.instanceId();
            case "applicationId" -> s.applicationId();
            case "location" -> s.location();
            case "region" -> s.region();
            case "date" -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
            case "datetime" -> t.truncatedTo(ChronoUnit.SECONDS).toString();
            case "datetimeMinute" -> floor(t, 60);
            case "datetimeFiveMinutes" -> floor(t, 300);
            case "datetimeFifteenMinutes" -> floor(t, 900);
            case "datetimeHour" -> floor(t, 3600);
            case "datetimeSixHours" -> floor(t, 21_600);
            default -> throw new IllegalArgumentException("not a dimension: " + d);
        };
    }

    private static String floor(Instant t, long seconds) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds).toString();
    }

    /** orderBy as asked (dimension or {@code <part>_<field>} or {@code count}, then _ASC/_DESC); else by dimensions. */
    private static Comparator<Group> order(Spec spec) {
        Comparator<Group> c = null;
        List<String> orderBy = spec.orderBy() == null ? List.of() : spec.orderBy();
        for (String o : orderBy) {
            boolean desc = o.endsWith("_DESC");
            String field = o.substring(0, o.lastIndexOf('_'));
            Comparator<Group> one;
            int us = field.indexOf('_');
            if (field.equals("count")) {
                one = Comparator.comparingDouble(g -> g.samples.size());
            } else if (us > 0 && !DIMENSIONS.contains(field)) {
                String part = field.substring(0, us);
                String name = field.substring(us + 1);
                one = Comparator.comparingDouble(g -> g.value(part, name).doubleValue());
            } else {
                if (!spec.dimensions().contains(field)) {
                    throw new QueryError("error parsing args: cannot order by " + field + ": it is not among the "
                            + "selected dimensions");
                }
                one = Comparator.comparing(g -> (String) g.dimension(field));
            }
            one = desc ? one.reversed() : one;
            c = c == null ? one : c.thenComparing(one);
        }
        for (String d : spec.dimensions()) {
            Comparator<Group> one = Comparator.comparing(g -> (String) g.dimension(d));
            c = c == null ? one : c.thenComparing(one);
        }
        return c == null ? (a, b) -> 0 : c;
    }

    /** One row: its dimension values and samples; aggregates are computed when a field asks for them. */
    static final class Group {
        private final List<String> names;
        private final List<Object> key;
        final List<InstanceSample> samples = new ArrayList<>();

        Group(List<String> names, List<Object> key) {
            this.names = names;
            this.key = key;
        }

        Object dimension(String name) {
            int i = names.indexOf(name);
            return i < 0 ? null : key.get(i);
        }

        long count() {
            return samples.size();
        }

        Number value(String part, String field) {
            return switch (part) {
                case "sum" -> sum(field);
                case "avg" -> samples.stream().mapToDouble(metric(field)).average().orElse(0);
                case "max" -> samples.stream().mapToDouble(metric(field)).max().orElse(0);
                case "quantiles" -> quantile(field);
                default -> throw new IllegalArgumentException("not an aggregate block: " + part);
            };
        }

        private Number sum(String field) {
            return switch (field) {
                case "cpuTimeSec" -> total(InstanceSample::cpuSeconds);
                case "allocatedMemory" -> total(s -> s.memoryLimitBytes() * s.intervalSeconds());
                case "allocatedDisk" -> total(s -> s.diskLimitBytes() * s.intervalSeconds());
                case "allocatedCpu" -> total(s -> s.vcpu() * s.intervalSeconds());
                case "rxBytes" -> samples.stream().mapToLong(InstanceSample::rxBytes).sum();
                case "txBytes" -> samples.stream().mapToLong(InstanceSample::txBytes).sum();
                case "containerUptime" -> total(InstanceSample::intervalSeconds);
                default -> throw new IllegalArgumentException("not a sum: " + field);
            };
        }

        private double total(ToDoubleFunction<InstanceSample> f) {
            return samples.stream().mapToDouble(f).sum();
        }

        /** Nearest-rank quantile of a metric, {@code memoryP95} = the 95th percentile of the memory samples. */
        private double quantile(String field) {
            int p = field.lastIndexOf('P');
            double q = Integer.parseInt(field.substring(p + 1)) / 100.0;
            double[] values = samples.stream().mapToDouble(metric(field.substring(0, p))).toArray();
            if (values.length == 0) {
                return 0;
            }
            Arrays.sort(values);
            return values[Math.max(0, (int) Math.ceil(q * values.length) - 1)];
        }

        private static ToDoubleFunction<InstanceSample> metric(String field) {
            return switch (field) {
                case "memory" -> InstanceSample::memoryBytes;
                case "cpuUtilization" -> InstanceSample::cpuUtilization;
                case "diskUsage" -> InstanceSample::diskBytes;
                case "diskUsagePercentage" -> s -> s.diskLimitBytes() == 0 ? 0 : 100.0 * s.diskBytes() / s.diskLimitBytes();
                case "rxBandwidthBps" -> s -> s.rxBytes() * 8 / s.intervalSeconds();
                case "txBandwidthBps" -> s -> s.txBytes() * 8 / s.intervalSeconds();
                // The emulator runs no GPU containers: no GPU memory is in use.
                case "gpuMemory" -> s -> 0;
                case "containerUptime" -> InstanceSample::uptimeSeconds;
                default -> throw new IllegalArgumentException("not a metric: " + field.toLowerCase(Locale.ROOT));
            };
        }
    }
}
