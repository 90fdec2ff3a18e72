package dev.flareobserver.emulator.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc} (the emulator runs instances on Linux
 * only). Cheap: two small files per process.
 */
final class ProcFs {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux the JDK supports on x86-64 and arm64. */
    private static final double TICKS_PER_SECOND = 100;

    /** A process's usage; {@code cpuSeconds} is cumulative since it started. */
    record Usage(double cpuSeconds, long rssBytes) {
        static final Usage NONE = new Usage(0, 0);

        Usage plus(Usage other) {
            return new Usage(cpuSeconds + other.cpuSeconds, rssBytes + other.rssBytes);
        }
    }

    private ProcFs() {
    }

    /** The usage of one process; {@link Usage#NONE} when it is gone or {@code /proc} cannot be read. */
    static Usage usage(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
            return new Usage(cpu, rssBytes(pid));
        } catch (IOException | RuntimeException e) {
            return Usage.NONE;
        }
    }

    /** The sum over a process and its descendants (a container's entrypoint may fork). */
    static Usage treeUsage(ProcessHandle root) {
        Usage total = usage(root.pid());
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            total = total.plus(usage(child.pid()));
        }
        return total;
    }

    private static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring("VmRSS:".length()).trim();
                return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
            }
        }
        return 0; // a zombie has no VmRSS line
    }
}
