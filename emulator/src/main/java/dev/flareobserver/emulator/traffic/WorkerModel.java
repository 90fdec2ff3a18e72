package dev.flareobserver.emulator.traffic;

import dev.flareobserver.emulator.workers.DeploymentEvent;
import dev.flareobserver.emulator.workers.VersionShare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One Worker's traffic as a set of cumulative counters, one per cell (status x version): the
 * number of invocations of that cell before minute boundary m is N(m). The count in any range of
 * whole minutes [a, b) is N(b) - N(a), so minutes, hours and days agree exactly, and a 7-day range
 * costs two evaluations whatever its grain.
 *
 * <p>N(m) = floor(C(m) + u(m) * A(m)) where C is the expected cumulative count (a closed-form
 * integral of the profile's rate, piecewise over deployments and incidents), u a seeded uniform
 * draw and A a noise amplitude kept below the expected count of the neighbouring minutes, so N
 * never decreases. Subrequests of a cell are floor(r * N(m)): zero wherever requests are zero.
 */
public final class WorkerModel {

    static final int STATUSES = InvocationStatus.ALL.size();
    /** Where exceededResources invocations end: around the 50 ms CPU limit of the Bundled model. */
    static final double EXCEEDED_CPU_US = 55_000;

    private final WorkerProfile profile;
    private final List<DeploymentEvent> deployments;
    private final String[] versionIds;
    private final int[] versionNumbers;
    private final double[] cpuMultipliers;
    private final long[] cellSeeds;
    // Segments: [start[j], start[j+1]) with per-cell weights (probability of the cell per request).
    private final double[] segStart;
    private final double[] segF;
    private final double[][] segWeight;
    private final double[][] segBase;

    // N at whole hours around the model's creation, filled on first use: dashboards ask for the same
    // hour boundaries every refresh, and they never change (a new deployment makes a new model).
    private static final int MEMO_HOURS_BACK = 32 * 24;
    private static final int MEMO_HOURS = MEMO_HOURS_BACK + 8 * 24;
    private final long memoFirstHour;
    private final AtomicReferenceArray<long[]> hourly = new AtomicReferenceArray<>(MEMO_HOURS);

    WorkerModel(WorkerProfile profile, List<DeploymentEvent> deployments, Incidents incidents, long nowMinute) {
        this.profile = profile;
        this.memoFirstHour = Math.floorDiv(nowMinute, 60) - MEMO_HOURS_BACK;
        this.deployments = List.copyOf(deployments);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<VersionShare> distinct = new ArrayList<>();
        for (DeploymentEvent d : deployments) {
            for (VersionShare v : d.versions()) {
                if (index.putIfAbsent(v.versionId(), distinct.size()) == null) {
                    distinct.add(v);
                }
            }
        }
        int versions = distinct.size();
        versionIds = new String[versions];
        versionNumbers = new int[versions];
        cpuMultipliers = new double[versions];
        for (int v = 0; v < versions; v++) {
            versionIds[v] = distinct.get(v).versionId();
            versionNumbers[v] = distinct.get(v).versionNumber();
            cpuMultipliers[v] = Incidents.cpuMultiplier(distinct.get(v));
        }
        int cells = versions * STATUSES;
        cellSeeds = new long[cells];
        for (int c = 0; c < cells; c++) {
            // Seeded by version id and status, not position: a new deployment never reshuffles old noise.
            cellSeeds[c] = Seeds.mix(profile.seed(), Seeds.of(versionIds[c / STATUSES]), c % STATUSES);
        }

        // Breakpoints: every deployment, and the incidents that change this Worker's traffic.
        List<Double> points = new ArrayList<>();
        for (DeploymentEvent d : deployments) {
            points.add(minutes(d.at().toEpochMilli()));
        }
        double spikeFrom = Double.NaN;
        double quietFrom = Double.NaN;
        if (Incidents.SPIKE_WORKER.equals(profile.scriptName())) {
            spikeFrom = minutes(incidents.spikeFrom().toEpochMilli());
            points.add(spikeFrom);
        }
        if (Incidents.QUIET_WORKER.equals(profile.scriptName())) {
            quietFrom = minutes(incidents.quietFrom().toEpochMilli());
            points.add(quietFrom);
        }
        List<double[]> starts = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        if (!deployments.isEmpty()) {
            double first = minutes(deployments.get(0).at().toEpochMilli());
            points.removeIf(p -> p < first);
            List<Double> sorted = points.stream().distinct().sorted().toList();
            int d = 0;
            for (double s : sorted) {
                while (d + 1 < deployments.size() && minutes(deployments.get(d + 1).at().toEpochMilli()) <= s) {
                    d++;
                }
                double[] w = new double[cells];
                boolean quiet = !Double.isNaN(quietFrom) && s >= quietFrom;
                double[] shares = !Double.isNaN(spikeFrom) && s >= spikeFrom ? Incidents.SPIKE_SHARES : profile.statusShares();
                double total = 0;
                for (VersionShare v : deployments.get(d).versions()) {
                    total += Math.max(0, v.percentage());
                }
                if (!quiet && total > 0) {
                    for (VersionShare v : deployments.get(d).versions()) {
                        int vi = index.get(v.versionId());
                        for (int st = 0; st < STATUSES; st++) {
                            w[vi * STATUSES + st] += Math.max(0, v.percentage()) / total * shares[st];
                        }
                    }
                }
                starts.add(new double[]{s});
                weights.add(w);
            }
        }
        int n = starts.size();
        segStart = new double[n];
        segF = new double[n];
        segWeight = new double[n][];
        segBase = new double[n][];
        for (int j = 0; j < n; j++) {
            segStart[j] = starts.get(j)[0];
            segF[j] = profile.integral(segStart[j]);
            segWeight[j] = weights.get(j);
            segBase[j] = new double[cells];
            if (j > 0) {
                double span = segF[j] - segF[j - 1];
                for (int c = 0; c < cells; c++) {
                    segBase[j][c] = segBase[j - 1][c] + segWeight[j - 1][c] * span;
                }
            }
        }
    }

    static double minutes(long epochMilli) {
        return epochMilli / 60_000.0;
    }

    public WorkerProfile profile() {
        return profile;
    }

    public String scriptName() {
        return profile.scriptName();
    }

    List<DeploymentEvent> deployments() {
        return deployments;
    }

    public int cellCount() {
        return cellSeeds.length;
    }

    public InvocationStatus status(int cell) {
        return InvocationStatus.ALL.get(cell % STATUSES);
    }

    public int version(int cell) {
        return cell / STATUSES;
    }

    public String versionId(int version) {
        return versionIds[version];
    }

    public int versionNumber(int version) {
        return versionNumbers[version];
    }

    public double cpuMultiplier(int version) {
        return cpuMultipliers[version];
    }

    /** No deployment, no traffic. */
    public boolean serves() {
        return segStart.length > 0;
    }

    /** Expected cumulative count of every cell at t (epoch minutes) into out. */
    void expected(double t, double[] out) {
        int j = segment(t);
        if (j < 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double span = profile.integral(t) - segF[j];
        double[] base = segBase[j];
        double[] w = segWeight[j];
        for (int c = 0; c < out.length; c++) {
            out[c] = base[c] + w[c] * span;
        }
    }

    private int segment(double t) {
        int lo = 0;
        int hi = segStart.length - 1;
        if (hi < 0 || t < segStart[0]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segStart[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * N(m) of every cell: invocations that started before minute boundary m (epoch minutes).
     * The array may be shared: callers must not modify it.
     */
    public long[] cumulative(long m) {
        if (m % 60 == 0) {
            long slot = m / 60 - memoFirstHour;
            if (slot >= 0 && slot < MEMO_HOURS) {
                long[] known = hourly.get((int) slot);
                if (known == null) {
                    known = compute(m);
                    hourly.set((int) slot, known);
                }
                return known;
            }
        }
        return compute(m);
    }

    private long[] compute(long m) {
        int cells = cellSeeds.length;
        long[] out = new long[cells];
        if (!serves() || m <= segStart[0] - 1) {
            return out;
        }
        double[] before = new double[cells];
        double[] at = new double[cells];
        double[] after = new double[cells];
        expected(m - 1, before);
        expected(m, at);
        expected(m + 1, after);
        for (int c = 0; c < cells; c++) {
            double lambda = Math.min(at[c] - before[c], after[c] - at[c]);
            double amplitude = lambda <= 0 ? 0 : Math.min(0.95 * lambda, 2 * Math.sqrt(lambda));
            double u = Seeds.unit(Seeds.mix(cellSeeds[c], m));
            out[c] = (long) Math.floor(at[c] + u * amplitude);
        }
        return out;
    }

    /** Cumulative subrequests of a cell given its cumulative invocations (floor(r * N)). */
    public long subrequests(long cumulativeInvocations) {
        return (long) Math.floor(profile.subrequestsPerRequest() * cumulativeInvocations);
    }

    /**
     * ln-space shift of latencies for a group of minutes [from, to): busy hours run a little slower,
     * plus a small seeded wobble that fades as groups get longer (so charts are not ruler-flat).
     */
    double shift(long from, long to) {
        long span = Math.max(1, to - from);
        double wobble = (Seeds.unit(Seeds.mix(profile.seed(), from, span)) - 0.5) * 0.12 / Math.sqrt(span);
        return 0.08 * profile.load((from + to) / 2.0) + wobble;
    }

    /**
     * CPU time (µs) distribution of a version's invocations with a status over minutes [from, to),
     * weighted by count. exceededResources invocations ran into the CPU limit (~50 ms).
     */
    public Lognormal.Component cpu(int version, InvocationStatus status, long from, long to, double count) {
        if (status == InvocationStatus.EXCEEDED_RESOURCES) {
            return new Lognormal.Component(Math.log(EXCEEDED_CPU_US), 0.05, count);
        }
        return new Lognormal.Component(Math.log(profile.cpuMedianUs() * cpuMultipliers[version]) + shift(from, to),
                profile.cpuSigma(), count);
    }

    /** Wall time (µs): CPU time plus waiting; extra CPU time from a regression adds to it. */
    public Lognormal.Component wall(int version, InvocationStatus status, long from, long to, double count) {
        double median = profile.cpuMedianUs() * (profile.wallFactor() + cpuMultipliers[version] - 1);
        if (status == InvocationStatus.EXCEEDED_RESOURCES) {
            median = Math.max(median, EXCEEDED_CPU_US * 1.2);
        }
        return new Lognormal.Component(Math.log(median) + shift(from, to), profile.wallSigma(), count);
    }

    /** The sub-intervals of minute m where a cell can occur, with their expected counts (for timestamps). */
    List<double[]> activeSpans(int cell, long m) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < segStart.length; j++) {
            double s = Math.max(segStart[j], m);
            double e = Math.min(j + 1 < segStart.length ? segStart[j + 1] : Double.POSITIVE_INFINITY, m + 1);
            if (e > s && segWeight[j][cell] > 0) {
                out.add(new double[]{s, e, segWeight[j][cell] * (profile.integral(e) - profile.integral(s))});
            }
        }
        return out;
    }

    long cellSeed(int cell) {
        return cellSeeds[cell];
    }
}
