package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.analytics.WorkersInvocationsRow;
import dev.flareobserver.api.workers.Deployment;
import dev.flareobserver.api.workers.WorkerVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure: the Worker page's series, deployment markers and versions from the rows and REST lists. */
final class WorkerDetailBuilder {

    private WorkerDetailBuilder() {
    }

    /** {@code byStatus}: rows grouped by (grain, status); {@code latency}: rows grouped by grain with quantiles. */
    static List<SeriesPoint> series(List<WorkersInvocationsRow> byStatus, List<WorkersInvocationsRow> latency) {
        Map<Instant, Acc> acc = new TreeMap<>();
        for (WorkersInvocationsRow r : byStatus) {
            Instant t = r.dimensions() == null ? null : r.dimensions().time();
            if (t == null || r.sum() == null) {
                continue;
            }
            Acc a = acc.computeIfAbsent(t, k -> new Acc());
            String status = r.dimensions().status() == null ? "unknown" : r.dimensions().status();
            a.byStatus.merge(status, OverviewBuilder.orZero(r.sum().requests()), Long::sum);
            a.errors += OverviewBuilder.orZero(r.sum().errors());
            a.subrequests += OverviewBuilder.orZero(r.sum().subrequests());
        }
        for (WorkersInvocationsRow r : latency) {
            Instant t = r.dimensions() == null ? null : r.dimensions().time();
            if (t == null || r.quantiles() == null) {
                continue;
            }
            acc.computeIfAbsent(t, k -> new Acc()).latency = r.quantiles();
        }
        List<SeriesPoint> points = new ArrayList<>(acc.size());
        for (Map.Entry<Instant, Acc> e : acc.entrySet()) {
            Acc a = e.getValue();
            WorkersInvocationsRow.Quantiles q = a.latency;
            points.add(new SeriesPoint(e.getKey(), a.byStatus, a.errors,
                    q == null ? null : OverviewBuilder.ms(q.cpuTimeP50()), q == null ? null : OverviewBuilder.ms(q.cpuTimeP99()),
                    q == null ? null : OverviewBuilder.ms(q.wallTimeP50()), q == null ? null : OverviewBuilder.ms(q.wallTimeP99()),
                    a.subrequests));
        }
        return points;
    }

    static List<VersionInfo> versions(List<WorkerVersion> versions) {
        List<VersionInfo> out = new ArrayList<>(versions.size());
        for (WorkerVersion v : versions) {
            WorkerVersion.Metadata m = v.metadata();
            out.add(new VersionInfo(v.id(), v.number(), m == null ? null : m.authorEmail(),
                    m == null ? null : m.createdOn(), v.message(), m == null ? null : m.source()));
        }
        out.sort(Comparator.comparingInt(VersionInfo::number).reversed());
        return out;
    }

    static List<VersionShare> shares(Deployment d, Map<String, Integer> numbers) {
        List<VersionShare> shares = new ArrayList<>(d.versions().size());
        for (Deployment.VersionPercentage v : d.versions()) {
            shares.add(new VersionShare(v.versionId(), numbers.getOrDefault(v.versionId(), 0), v.percentage()));
        }
        return shares;
    }

    static Map<String, Integer> numbers(List<VersionInfo> versions) {
        Map<String, Integer> numbers = new HashMap<>();
        versions.forEach(v -> numbers.put(v.id(), v.number()));
        return numbers;
    }

    /** Oldest first; figures compare equal spans on both sides of each deployment, within the series. */
    static List<DeploymentMarker> markers(List<Deployment> deployments, List<VersionInfo> versions,
                                          List<SeriesPoint> series, Instant since, Instant until, Duration step,
                                          Duration maxSpan) {
        Map<String, Integer> numbers = numbers(versions);
        List<Deployment> sorted = new ArrayList<>(deployments);
        sorted.sort(Comparator.comparing(Deployment::createdOn, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<DeploymentMarker> markers = new ArrayList<>(sorted.size());
        for (Deployment d : sorted) {
            Instant at = d.createdOn();
            Double erBefore = null;
            Double erAfter = null;
            Double cpuBefore = null;
            Double cpuAfter = null;
            if (at != null && at.isAfter(since) && at.isBefore(until)) {
                Duration span = min(min(Duration.between(since, at), Duration.between(at, until)), maxSpan);
                if (span.compareTo(step) >= 0) {
                    Side before = new Side();
                    Side after = new Side();
                    Instant beforeFrom = at.minus(span);
                    Instant afterTo = at.plus(span);
                    for (SeriesPoint p : series) {
                        Instant start = p.time();
                        Instant end = start.plus(step);
                        // buckets that straddle the deployment belong to neither side
                        if (!start.isBefore(beforeFrom) && !end.isAfter(at)) {
                            before.add(p);
                        } else if (!start.isBefore(at) && !end.isAfter(afterTo)) {
                            after.add(p);
                        }
                    }
                    erBefore = before.errorRatio();
                    erAfter = after.errorRatio();
                    cpuBefore = before.cpuP99();
                    cpuAfter = after.cpuP99();
                }
            }
            markers.add(new DeploymentMarker(d.id(), at, d.authorEmail(), d.message(), shares(d, numbers), erBefore,
                    erAfter, cpuBefore, cpuAfter));
        }
        return markers;
    }

    /** The version with the largest share in the newest deployment. */
    static String activeVersion(List<Deployment> deployments) {
        Deployment newest = null;
        for (Deployment d : deployments) {
            if (newest == null || (d.createdOn() != null && (newest.createdOn() == null
                    || d.createdOn().isAfter(newest.createdOn())))) {
                newest = d;
            }
        }
        if (newest == null) {
            return null;
        }
        Deployment.VersionPercentage best = null;
        for (Deployment.VersionPercentage v : newest.versions()) {
            if (best == null || v.percentage() > best.percentage()) {
                best = v;
            }
        }
        return best == null ? null : best.versionId();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class Acc {
        final Map<String, Long> byStatus = new LinkedHashMap<>();
        long errors;
        long subrequests;
        WorkersInvocationsRow.Quantiles latency;
    }

    private static final class Side {
        long requests;
        long errors;
        double cpuWeighted;
        long cpuWeight;

        void add(SeriesPoint p) {
            long n = p.requests();
            requests += n;
            errors += p.errors();
            if (p.cpuP99Ms() != null && n > 0) {
                cpuWeighted += p.cpuP99Ms() * n;
                cpuWeight += n;
            }
        }

        Double errorRatio() {
            return requests == 0 ? null : (double) errors / requests;
        }

        /** Request-weighted mean of the buckets' p99: an approximation, enough to see a regression. */
        Double cpuP99() {
            return cpuWeight == 0 ? null : cpuWeighted / cpuWeight;
        }
    }
}
