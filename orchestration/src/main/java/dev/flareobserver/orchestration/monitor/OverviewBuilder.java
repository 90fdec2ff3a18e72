package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.analytics.WorkersInvocationsRow;
import dev.flareobserver.api.workers.WorkerScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Overview query's rows into an {@link AccountSnapshot}. Pure and linear in the number of rows:
 * one hash lookup per Worker, no per-row parsing beyond what Jackson did.
 */
final class OverviewBuilder {

    /** Fewer requests than this in the current window are too few to call an error-ratio jump a spike. */
    static final long SPIKE_MIN_REQUESTS = 20;

    private OverviewBuilder() {
    }

    record Input(Instant fetchedAt, TimeWindow window, Duration currentSpan, Duration previousSpan,
                 Instant loadSince, Instant loadUntil, List<WorkersInvocationsRow> current,
                 List<WorkersInvocationsRow> previous, List<WorkersInvocationsRow> load,
                 List<WorkersInvocationsRow> total, List<WorkerScript> scripts, HealthThresholds thresholds) {
    }

    static AccountSnapshot build(Input in) {
        double currentSeconds = in.currentSpan().toMillis() / 1000.0;
        double previousSeconds = in.previousSpan().toMillis() / 1000.0;

        Map<String, WorkersInvocationsRow> previousByName = new HashMap<>(in.previous().size() * 2);
        for (WorkersInvocationsRow r : in.previous()) {
            String name = r.dimensions() == null ? null : r.dimensions().scriptName();
            if (name != null) {
                previousByName.put(name, r);
            }
        }
        Map<String, Instant> lastDeploy = new HashMap<>(in.scripts().size() * 2);
        for (WorkerScript s : in.scripts()) {
            lastDeploy.put(s.id(), s.modifiedOn());
        }

        List<WorkerRow> rows = new ArrayList<>(Math.max(in.current().size(), in.scripts().size()));
        Map<String, Boolean> seen = new HashMap<>(in.current().size() * 2);
        long totalRequests = 0;
        long totalErrors = 0;
        int workersWithErrors = 0;
        double weightedCpuP99 = 0;
        long cpuWeight = 0;
        for (WorkersInvocationsRow r : in.current()) {
            String name = r.dimensions() == null ? null : r.dimensions().scriptName();
            if (name == null || seen.put(name, Boolean.TRUE) != null) {
                continue;
            }
            WorkerRow row = row(name, r, previousByName.get(name), lastDeploy.get(name), currentSeconds,
                    previousSeconds, in.thresholds());
            rows.add(row);
            totalRequests += row.requests();
            totalErrors += row.errors();
            if (row.errors() > 0) {
                workersWithErrors++;
            }
            if (row.cpuP99Ms() != null && row.requests() > 0) {
                weightedCpuP99 += row.cpuP99Ms() * row.requests();
                cpuWeight += row.requests();
            }
        }
        // Workers with no requests now: still listed, QUIET if they had some before.
        List<WorkerRow> idle = new ArrayList<>();
        for (WorkerScript s : in.scripts()) {
            if (!seen.containsKey(s.id())) {
                seen.put(s.id(), Boolean.TRUE);
                idle.add(row(s.id(), null, previousByName.get(s.id()), s.modifiedOn(), currentSeconds,
                        previousSeconds, in.thresholds()));
            }
        }
        for (Map.Entry<String, WorkersInvocationsRow> e : previousByName.entrySet()) {
            if (!seen.containsKey(e.getKey())) {
                idle.add(row(e.getKey(), null, e.getValue(), lastDeploy.get(e.getKey()), currentSeconds,
                        previousSeconds, in.thresholds()));
            }
        }
        idle.sort((a, b) -> a.scriptName().compareTo(b.scriptName()));
        rows.addAll(idle);

        Double cpuP99 = null;
        if (!in.total().isEmpty() && in.total().get(0).quantiles() != null
                && in.total().get(0).quantiles().cpuTimeP99() != null && totalRequests > 0) {
            cpuP99 = in.total().get(0).quantiles().cpuTimeP99() / 1000.0;
        } else if (cpuWeight > 0) {
            // Without the account-wide quantile, a request-weighted mean of the Workers' p99 stands in.
            cpuP99 = weightedCpuP99 / cpuWeight;
        }
        double minutes = currentSeconds / 60.0;
        Totals totals = new Totals(totalRequests / minutes, totalRequests == 0 ? 0 : (double) totalErrors / totalRequests,
                cpuP99, workersWithErrors);
        List<LoadPoint> load = load(in.load(), in.loadSince(), in.loadUntil(), in.window().step());
        return new AccountSnapshot(in.fetchedAt(), in.window(), totals, rows, load, Staleness.fresh(in.fetchedAt()),
                null);
    }

    private static WorkerRow row(String name, WorkersInvocationsRow now, WorkersInvocationsRow before, Instant deployed,
                                 double currentSeconds, double previousSeconds, HealthThresholds t) {
        long requests = now == null || now.sum() == null ? 0 : orZero(now.sum().requests());
        long errors = now == null || now.sum() == null ? 0 : orZero(now.sum().errors());
        long subrequests = now == null || now.sum() == null ? 0 : orZero(now.sum().subrequests());
        Double cpuP50 = null;
        Double cpuP99 = null;
        Double wallP99 = null;
        if (requests > 0 && now.quantiles() != null) {
            cpuP50 = ms(now.quantiles().cpuTimeP50());
            cpuP99 = ms(now.quantiles().cpuTimeP99());
            wallP99 = ms(now.quantiles().wallTimeP99());
        }
        double ratio = requests == 0 ? 0 : (double) errors / requests;
        long prevRequests = before == null || before.sum() == null ? 0 : orZero(before.sum().requests());
        long prevErrors = before == null || before.sum() == null ? 0 : orZero(before.sum().errors());
        double rate = requests / currentSeconds;
        Double trend = prevRequests == 0 ? null : rate / (prevRequests / previousSeconds);

        boolean spike = false;
        if (requests >= SPIKE_MIN_REQUESTS && ratio >= t.warnErrorRatio()) {
            if (prevRequests == 0) {
                spike = ratio >= t.criticalErrorRatio();
            } else {
                double prevRatio = (double) prevErrors / prevRequests;
                // a jump of at least the warn threshold and at least double what it was
                spike = ratio - prevRatio >= t.warnErrorRatio() && ratio >= 2 * prevRatio;
            }
        }
        Health health;
        if (requests == 0) {
            health = prevRequests > 0 ? Health.QUIET : Health.UNKNOWN;
        } else if (ratio >= t.criticalErrorRatio() || (cpuP99 != null && cpuP99 >= t.criticalCpuP99Ms())) {
            health = Health.CRITICAL;
        } else if (spike || ratio >= t.warnErrorRatio() || (cpuP99 != null && cpuP99 >= t.warnCpuP99Ms())) {
            health = Health.WARN;
        } else {
            health = Health.OK;
        }
        return new WorkerRow(name, rate, requests, errors, ratio, cpuP50, cpuP99, wallP99, subrequests, deployed,
                health, trend, spike);
    }

    /** Sums the load rows per bucket and fills buckets without rows with zeros (no requests is a known zero). */
    static List<LoadPoint> load(List<WorkersInvocationsRow> rows, Instant since, Instant until, Duration step) {
        long stepSeconds = step.getSeconds();
        Map<Long, long[]> byBucket = new HashMap<>(rows.size() * 2);
        for (WorkersInvocationsRow r : rows) {
            Instant time = r.dimensions() == null ? null : r.dimensions().time();
            if (time == null || r.sum() == null) {
                continue;
            }
            long bucket = Math.floorDiv(time.getEpochSecond(), stepSeconds);
            long[] acc = byBucket.computeIfAbsent(bucket, k -> new long[2]);
            acc[0] += orZero(r.sum().requests());
            acc[1] += orZero(r.sum().errors());
        }
        if (since == null || until == null) {
            return List.of();
        }
        long first = Math.floorDiv(since.getEpochSecond(), stepSeconds);
        long last = Math.floorDiv(until.getEpochSecond(), stepSeconds);
        List<LoadPoint> points = new ArrayList<>((int) Math.max(0, last - first + 1));
        for (long b = first; b <= last; b++) {
            long[] acc = byBucket.get(b);
            points.add(new LoadPoint(Instant.ofEpochSecond(b * stepSeconds), acc == null ? 0 : acc[0],
                    acc == null ? 0 : acc[1]));
        }
        return points;
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static Double ms(Double micros) {
        return micros == null ? null : micros / 1000.0;
    }
}
