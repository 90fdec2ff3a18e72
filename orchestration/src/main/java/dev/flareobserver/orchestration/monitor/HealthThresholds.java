package dev.flareobserver.orchestration.monitor;

/** Where WARN and CRITICAL begin: error ratios (0..1) and CPU p99 in milliseconds. */
public record HealthThresholds(double warnErrorRatio, double criticalErrorRatio, double warnCpuP99Ms,
                               double criticalCpuP99Ms) {

    public HealthThresholds {
        if (warnErrorRatio < 0 || warnErrorRatio > criticalErrorRatio || criticalErrorRatio > 1) {
            throw new IllegalArgumentException("Error ratio thresholds need 0 <= warn <= critical <= 1");
        }
        if (warnCpuP99Ms < 0 || warnCpuP99Ms > criticalCpuP99Ms) {
            throw new IllegalArgumentException("CPU thresholds need 0 <= warn <= critical");
        }
    }

    public static HealthThresholds defaults() {
        return new HealthThresholds(0.01, 0.05, 50, 200);
    }
}
