package dev.flareobserver.app.page.containers;

import dev.flareobserver.api.containers.ExecRequest;
import dev.flareobserver.api.containers.FetchRequest;
import dev.flareobserver.api.containers.InstanceState;
import dev.flareobserver.orchestration.containers.ApplicationRow;
import dev.flareobserver.orchestration.containers.InstanceMetrics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** How the Containers page writes its values; pure functions, tested without a toolkit. */
final class ContainersFormats {

    static final String UNKNOWN = "unknown";

    private ContainersFormats() {
    }

    /** "4 s", "3 min", "2 h 5 min", "3 d 4 h"; "—" when unknown. */
    static String age(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
    }

    static String state(InstanceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** "2 / 10" running of max; "2 / —" when the application names no maximum. */
    static String running(ApplicationRow app) {
        Integer max = app.maxInstances();
        return app.running() + " / " + (max == null ? "—" : max);
    }

    /**
     * The configuration versions instances run, newest first, with their share: "v3 40% · v2 60%" during a
     * rollout, "v3 100%" after it; "v3" from the application alone when the versions were not read.
     */
    static String versions(ApplicationRow app) {
        String running = app.versions().stream()
                .filter(v -> v.percentage() != null && v.percentage() > 0)
                .sorted(java.util.Comparator.comparingInt(
                        dev.flareobserver.api.containers.ApplicationVersion::version).reversed())
                .map(v -> "v" + v.version() + " " + Math.round(v.percentage()) + "%")
                .collect(java.util.stream.Collectors.joining(" · "));
        if (!running.isEmpty()) {
            return running;
        }
        Integer version = app.application().version();
        return version == null ? "—" : "v" + version;
    }

    /** "0.25 vCPU · 256 MiB · 2,000 MB" from the configuration; blanks for what it leaves to Cloudflare. */
    static String resources(Double vcpu, Integer memoryMib, Integer diskMb, String instanceType) {
        StringBuilder out = new StringBuilder();
        if (vcpu != null) {
            out.append(trim(vcpu)).append(" vCPU");
        }
        if (memoryMib != null) {
            out.append(out.length() > 0 ? " · " : "").append(String.format(Locale.ROOT, "%,d MiB", memoryMib));
        }
        if (diskMb != null) {
            String disk = diskMb >= 1000 && diskMb % 100 == 0 ? trim(diskMb / 1000.0) + " GB"
                    : String.format(Locale.ROOT, "%,d MB", diskMb);
            out.append(out.length() > 0 ? " · " : "").append(disk).append(" disk");
        }
        if (out.length() == 0) {
            return instanceType == null ? "default" : instanceType;
        }
        return out.toString();
    }

    static String cpu(InstanceMetrics m) {
        return m.cpuUtilization() == null ? UNKNOWN
                : String.format(Locale.ROOT, "%.1f %%", m.cpuUtilization() * 100);
    }

    static String memory(InstanceMetrics m) {
        return m.memoryBytes() == null ? UNKNOWN : bytes(m.memoryBytes());
    }

    static String bytes(double value) {
        if (value < 1024) {
            return String.format(Locale.ROOT, "%.0f B", value);
        }
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", value / 1024);
        }
        if (value < 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", value / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", value / (1024.0 * 1024 * 1024));
    }

    /** The exec result as a terminal would show it. */
    static String exec(ExecRequest.Result r) {
        StringBuilder out = new StringBuilder();
        out.append("exit code ").append(r.exitCode() == null ? "?" : r.exitCode()).append('\n');
        if (!r.stdoutText().isEmpty()) {
            out.append(r.stdoutText());
            if (!r.stdoutText().endsWith("\n")) {
                out.append('\n');
            }
        }
        if (!r.stderrText().isEmpty()) {
            out.append("--- stderr ---\n").append(r.stderrText());
        }
        return out.toString();
    }

    /** Status line, headers (sorted), a blank line, the body: as curl -i prints it. */
    static String fetch(FetchRequest.Result r) {
        StringBuilder out = new StringBuilder("HTTP ").append(r.status()).append('\n');
        Map<String, String> headers = r.headers() == null ? Map.of() : new TreeMap<>(r.headers());
        headers.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        out.append('\n').append(r.body() == null ? "" : r.body());
        return out.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
