package dev.flareobserver.emulator.traffic;

import java.time.Instant;
import java.util.List;

/**
 * One simulated Worker invocation. The invocations of a minute are exactly the ones the analytics
 * count for that minute (same count per status and version, same subrequests in total).
 *
 * @param scriptVersion the version id that served it
 * @param cpuTimeUs     CPU time in microseconds
 * @param wallTimeUs    wall-clock time in microseconds (never below the CPU time)
 * @param logs          console lines the invocation wrote, in order
 */
public record SimulatedInvocation(Instant timestamp, String scriptName, String scriptVersion, InvocationStatus status,
                                  long cpuTimeUs, long wallTimeUs, int subrequests, String method, String url,
                                  List<String> logs) {

    public SimulatedInvocation {
        logs = List.copyOf(logs);
    }
}
