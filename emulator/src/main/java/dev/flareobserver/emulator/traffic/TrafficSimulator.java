package dev.flareobserver.emulator.traffic;

import dev.flareobserver.emulator.workers.DeploymentEvent;
import dev.flareobserver.emulator.workers.WorkerDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated traffic of every Worker the {@link WorkerDirectory} knows, on the wall clock: any past
 * minute can be asked for (history is synthesized, not recorded), and only whole minutes that have
 * ended exist. Deterministic: the same account, script, deployments and start give the same numbers.
 * Thread-safe.
 *
 * <p>Analytics read {@link #model} (cumulative counters, cheap for any range); tails read
 * {@link #invocations}, which enumerates one minute's invocations consistently with the counters.
 */
public final class TrafficSimulator {

    private final WorkerDirectory directory;
    private final Clock clock;
    private final Incidents incidents;
    private final Map<String, WorkerModel> models = new ConcurrentHashMap<>();

    /**
     * @param start the emulator's start; the scripted incidents are placed relative to it
     */
    public TrafficSimulator(WorkerDirectory directory, Clock clock, Instant start) {
        this.directory = Objects.requireNonNull(directory);
        this.clock = Objects.requireNonNull(clock);
        this.incidents = new Incidents(start);
    }

    public Incidents incidents() {
        return incidents;
    }

    public WorkerDirectory directory() {
        return directory;
    }

    public Clock clock() {
        return clock;
    }

    /** The end of the last whole minute: data exists for minutes that start before this. */
    public Instant dataEnd() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** Script names of an account (as the directory lists them). */
    public List<String> scriptNames(String accountId) {
        return directory.scriptNames(accountId);
    }

    /**
     * The compiled model of a Worker. Rebuilt only when its deployments change, so a rollback shows
     * from the rollback's instant on while history stays as it was.
     */
    public WorkerModel model(String accountId, String scriptName) {
        List<DeploymentEvent> deployments = directory.deployments(accountId, scriptName);
        String key = accountId + '/' + scriptName;
        WorkerModel cached = models.get(key);
        if (cached != null && cached.deployments().equals(deployments)) {
            return cached;
        }
        WorkerModel fresh = new WorkerModel(WorkerProfile.of(accountId, scriptName), deployments, incidents,
                epochMinute(clock.instant()));
        models.put(key, fresh);
        return fresh;
    }

    /**
     * Counts of a Worker over whole minutes [from, to) (both truncated to the minute; clamped to
     * {@link #dataEnd()}).
     */
    public TrafficBucket bucket(String accountId, String scriptName, Instant from, Instant to) {
        WorkerModel model = model(accountId, scriptName);
        long a = epochMinute(from);
        long b = Math.max(a, Math.min(epochMinute(to), epochMinute(dataEnd())));
        long[] start = model.cumulative(a);
        long[] end = model.cumulative(b);
        Map<InvocationStatus, Long> byStatus = new EnumMap<>(InvocationStatus.class);
        Map<String, Long> byVersion = new LinkedHashMap<>();
        long requests = 0;
        long errors = 0;
        long subrequests = 0;
        for (int c = 0; c < model.cellCount(); c++) {
            long n = end[c] - start[c];
            if (n == 0) {
                continue;
            }
            requests += n;
            if (model.status(c).isError()) {
                errors += n;
            }
            subrequests += model.subrequests(end[c]) - model.subrequests(start[c]);
            byStatus.merge(model.status(c), n, Long::sum);
            byVersion.merge(model.versionId(model.version(c)), n, Long::sum);
        }
        return new TrafficBucket(scriptName, Instant.ofEpochSecond(a * 60), Instant.ofEpochSecond(b * 60), requests,
                errors, subrequests, byStatus, byVersion);
    }

    /**
     * Every invocation of a Worker that started in the minute beginning at {@code minuteStart}
     * (truncated to the minute), in time order. Their count per status and version and their
     * subrequests add up exactly to the analytics of that minute; CPU and wall times follow the
     * same distributions the analytics' quantiles report. The minute need not have ended: a tail
     * shows those with {@code timestamp <= now}. Empty for minutes before the first deployment.
     */
    public List<SimulatedInvocation> invocations(String accountId, String scriptName, Instant minuteStart) {
        WorkerModel model = model(accountId, scriptName);
        long m = epochMinute(minuteStart);
        long[] start = model.cumulative(m);
        long[] end = model.cumulative(m + 1);
        WorkerProfile profile = model.profile();
        List<SimulatedInvocation> out = new ArrayList<>();
        for (int c = 0; c < model.cellCount(); c++) {
            int n = (int) (end[c] - start[c]);
            if (n <= 0) {
                continue;
            }
            int version = model.version(c);
            InvocationStatus status = model.status(c);
            SplittableRandom random = new SplittableRandom(Seeds.mix(model.cellSeed(c), m, 0x1a7e));
            int[] subs = new int[n];
            long subTotal = model.subrequests(end[c]) - model.subrequests(start[c]);
            for (long i = 0; i < subTotal; i++) {
                subs[random.nextInt(n)]++;
            }
            Lognormal.Component cpu = model.cpu(version, status, m, m + 1, n);
            Lognormal.Component wall = model.wall(version, status, m, m + 1, n);
            List<double[]> spans = model.activeSpans(c, m);
            double spanTotal = spans.stream().mapToDouble(s -> s[2]).sum();
            for (int i = 0; i < n; i++) {
                double minuteAt = pickTime(spans, spanTotal, random, m);
                Instant at = Instant.ofEpochMilli((long) Math.floor(minuteAt * 60_000));
                long cpuUs = Math.max(1, Math.round(Math.exp(cpu.mu() + cpu.sigma() * random.nextGaussian())));
                long wallUs = Math.max(cpuUs, Math.round(Math.exp(wall.mu() + wall.sigma() * random.nextGaussian())));
                WorkerProfile.Route route = profile.routes().get(random.nextInt(profile.routes().size()));
                String url = "https://" + profile.scriptName() + ".flare-demo.workers.dev" + route.path();
                out.add(new SimulatedInvocation(at, profile.scriptName(), model.versionId(version), status, cpuUs,
                        wallUs, subs[i], route.method(), url, LogLines.of(status, route, subs[i], cpuUs, random)));
            }
        }
        out.sort(Comparator.comparing(SimulatedInvocation::timestamp));
        return out;
    }

    private static double pickTime(List<double[]> spans, double total, SplittableRandom random, long m) {
        if (spans.isEmpty() || total <= 0) {
            return m + random.nextDouble();
        }
        double r = random.nextDouble() * total;
        for (double[] s : spans) {
            if (r < s[2]) {
                return s[0] + (s[1] - s[0]) * random.nextDouble();
            }
            r -= s[2];
        }
        double[] last = spans.get(spans.size() - 1);
        return last[0] + (last[1] - last[0]) * random.nextDouble();
    }

    public static long epochMinute(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 60);
    }
}
