package dev.flareobserver.emulator.traffic;

import java.util.List;
import java.util.Locale;

/**
 * A Worker's steady behaviour, derived from a seed (account + script name) so that every run and
 * machine sees the same traffic. Rates are requests per minute; latencies are log-normal in µs.
 *
 * @param requestsPerMinute mean request rate over a day
 * @param waves             rate = mean * (1 + sum of amplitude * sin(omega * t + phase)), t in epoch minutes
 * @param statusShares      baseline probability of each {@link InvocationStatus}, in enum order
 * @param cpuMedianUs       median CPU time per invocation
 * @param wallFactor        median wall time / median CPU time (waiting on I/O)
 * @param subrequestsPerRequest mean subrequests per invocation
 */
public record WorkerProfile(String accountId, String scriptName, long seed, Tier tier, double requestsPerMinute,
                            List<Wave> waves, double[] statusShares, double cpuMedianUs, double cpuSigma,
                            double wallFactor, double wallSigma, double subrequestsPerRequest, List<Route> routes) {

    public enum Tier { BUSY, STEADY, QUIET }

    /** One sinusoidal component of the rate. */
    public record Wave(double amplitude, double omega, double phase) {
    }

    /** A request shape the Worker serves (for the invocation stream's method and URL). */
    public record Route(String method, String path) {
    }

    private static final double DAY = 1440;

    /** Derives the profile of a Worker. */
    public static WorkerProfile of(String accountId, String scriptName) {
        long seed = Seeds.mix(Seeds.of(accountId), Seeds.of(scriptName));
        Tier tier = tierOf(scriptName, seed);
        double rps = switch (tier) {
            case BUSY -> Seeds.logBetween(seed + 1, 50, 500);
            case STEADY -> Seeds.logBetween(seed + 1, 2, 50);
            case QUIET -> Seeds.logBetween(seed + 1, 0.1, 2);
        };
        // Busiest in the (European/US) afternoon, 12:00-20:00 UTC; cron-like Workers are flatter.
        double peakMinute = Seeds.between(seed + 2, 12 * 60, 20 * 60);
        double dailyAmplitude = tier == Tier.QUIET ? Seeds.between(seed + 3, 0.05, 0.2) : Seeds.between(seed + 3, 0.3, 0.55);
        double dailyOmega = 2 * Math.PI / DAY;
        List<Wave> waves = List.of(
                new Wave(dailyAmplitude, dailyOmega, Math.PI / 2 - dailyOmega * peakMinute),
                // Weekly: a little quieter at weekends, wherever the phase lands.
                new Wave(Seeds.between(seed + 4, 0.04, 0.12), 2 * Math.PI / (7 * DAY), Seeds.between(seed + 5, 0, 2 * Math.PI)),
                // Slower and faster swells so minute charts are not a bare sine.
                new Wave(Seeds.between(seed + 6, 0.04, 0.1), 2 * Math.PI / Seeds.between(seed + 7, 40, 180),
                        Seeds.between(seed + 8, 0, 2 * Math.PI)),
                new Wave(Seeds.between(seed + 9, 0.02, 0.06), 2 * Math.PI / Seeds.between(seed + 10, 7, 25),
                        Seeds.between(seed + 11, 0, 2 * Math.PI)));

        // Most Workers fail rarely; about one in ten is a bit flaky (1-2.5 %), which looks real.
        double errorRatio = Seeds.unit(seed + 12) < 0.1 ? Seeds.between(seed + 13, 0.01, 0.025)
                : Seeds.logBetween(seed + 13, 0.0003, 0.004);
        double disconnected = Seeds.logBetween(seed + 14, 0.001, 0.008);
        double[] shares = new double[InvocationStatus.ALL.size()];
        shares[InvocationStatus.CLIENT_DISCONNECTED.ordinal()] = disconnected;
        shares[InvocationStatus.SCRIPT_THREW_EXCEPTION.ordinal()] = errorRatio * 0.75;
        shares[InvocationStatus.EXCEEDED_RESOURCES.ordinal()] = errorRatio * 0.15;
        shares[InvocationStatus.INTERNAL_ERROR.ordinal()] = errorRatio * 0.10;
        shares[InvocationStatus.SUCCESS.ordinal()] = 1 - disconnected - errorRatio;

        String name = scriptName.toLowerCase(Locale.ROOT);
        double cpuMedian = Seeds.logBetween(seed + 15, 400, 6000);
        if (name.contains("image") || name.contains("resize") || name.contains("render") || name.contains("pdf")) {
            cpuMedian = Seeds.logBetween(seed + 15, 15_000, 30_000); // real work per request
        } else if (name.equals("checkout-api")) {
            cpuMedian = 9_000; // so its CPU regression crosses the warning line visibly
        }
        double cpuSigma = Seeds.between(seed + 16, 0.35, 0.6);
        double wallFactor = Seeds.logBetween(seed + 17, 1.5, 15);
        double wallSigma = Seeds.between(seed + 18, 0.5, 0.85);
        double subrequests = Seeds.unit(seed + 19) < 0.2 ? 0 : Seeds.between(seed + 20, 0.3, 4);
        return new WorkerProfile(accountId, scriptName, seed, tier, rps * 60, waves, shares, cpuMedian, cpuSigma,
                wallFactor, wallSigma, subrequests, routes(name, seed));
    }

    /** Names say what a Worker does; unknown (generated) names get a tier from the seed. */
    private static Tier tierOf(String scriptName, long seed) {
        String n = scriptName.toLowerCase(Locale.ROOT);
        if (n.contains("cron") || n.contains("cleanup") || n.contains("backup") || n.contains("report")
                || n.contains("legacy") || n.contains("digest") || n.contains("sync")) {
            return Tier.QUIET;
        }
        if (n.contains("gateway") || n.contains("-api") || n.contains("auth") || n.contains("image")
                || n.contains("edge") || n.contains("router") || n.contains("proxy") || n.contains("cdn")
                || n.contains("static") || n.contains("session")) {
            return Tier.BUSY;
        }
        double u = Seeds.unit(seed);
        return u < 0.3 ? Tier.BUSY : u < 0.7 ? Tier.STEADY : Tier.QUIET;
    }

    private static List<Route> routes(String name, long seed) {
        List<Route> all = List.of(new Route("GET", "/"), new Route("GET", "/api/items"), new Route("GET", "/api/items/42"),
                new Route("POST", "/api/items"), new Route("GET", "/health"), new Route("PUT", "/api/items/42"),
                new Route("GET", "/api/search?q=flare"), new Route("DELETE", "/api/items/7"));
        if (name.contains("webhook")) {
            return List.of(new Route("POST", "/webhooks/stripe"), new Route("POST", "/webhooks/paypal"));
        }
        if (name.contains("cron")) {
            return List.of(new Route("GET", "/__scheduled"));
        }
        if (name.contains("image")) {
            return List.of(new Route("GET", "/cdn-cgi/image/width=800/photos/cat.jpg"),
                    new Route("GET", "/cdn-cgi/image/width=200/photos/dog.png"));
        }
        if (name.contains("checkout")) {
            return List.of(new Route("POST", "/checkout"), new Route("GET", "/cart"), new Route("POST", "/cart/items"));
        }
        int from = (int) (Seeds.unit(seed + 30) * 3);
        return all.subList(from, from + 4);
    }

    /** Expected requests per minute at time t (epoch minutes, fractional). */
    public double rate(double t) {
        double f = 1;
        for (Wave w : waves) {
            f += w.amplitude() * Math.sin(w.omega() * t + w.phase());
        }
        return requestsPerMinute * f;
    }

    /** An antiderivative of {@link #rate}: expected requests between a and b = F(b) - F(a). */
    double integral(double t) {
        double f = t;
        for (Wave w : waves) {
            f -= w.amplitude() / w.omega() * Math.cos(w.omega() * t + w.phase());
        }
        return requestsPerMinute * f;
    }

    /** The daily wave's value in [-1, 1] at t: busy hours are a little slower (CPU contention, cold caches). */
    double load(double t) {
        Wave daily = waves.get(0);
        return Math.sin(daily.omega() * t + daily.phase());
    }
}
