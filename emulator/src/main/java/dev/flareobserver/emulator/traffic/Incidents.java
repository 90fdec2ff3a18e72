package dev.flareobserver.emulator.traffic;

import dev.flareobserver.emulator.workers.VersionShare;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The scripted incidents of the demo, anchored to the emulator's start so that a freshly started
 * emulator always shows them "now":
 * <ul>
 *   <li>{@value #SPIKE_WORKER}: about 25 % errors from {@link #SPIKE_LEAD} before start on, until restart;</li>
 *   <li>{@value #QUIET_WORKER}: no requests from {@link #QUIET_LEAD} before start on;</li>
 *   <li>any Worker: a version annotated {@value #CPU_REGRESSION_ANNOTATION} = multiplier uses that
 *       much more CPU for the share of traffic its deployments give it (a rollback ends it).</li>
 * </ul>
 */
public record Incidents(Instant start) {

    public static final String SPIKE_WORKER = "payments-webhook";
    public static final String QUIET_WORKER = "legacy-cron";
    public static final String CPU_REGRESSION_ANNOTATION = "flare-emulator/cpu-regression";
    public static final Duration SPIKE_LEAD = Duration.ofMinutes(20);
    public static final Duration QUIET_LEAD = Duration.ofMinutes(30);

    /** Status shares during the spike, in {@link InvocationStatus} order: 25 % errors. */
    static final double[] SPIKE_SHARES = {0.745, 0.005, 0.18, 0.02, 0.05};

    public Instant spikeFrom() {
        return start.minus(SPIKE_LEAD);
    }

    public Instant quietFrom() {
        return start.minus(QUIET_LEAD);
    }

    /** The CPU multiplier a version's annotations ask for; 1 when none or unreadable. */
    public static double cpuMultiplier(VersionShare version) {
        Map<String, String> annotations = version.annotations();
        String v = annotations == null ? null : annotations.get(CPU_REGRESSION_ANNOTATION);
        if (v == null) {
            return 1;
        }
        try {
            double m = Double.parseDouble(v.trim());
            return m > 0 && Double.isFinite(m) ? m : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
