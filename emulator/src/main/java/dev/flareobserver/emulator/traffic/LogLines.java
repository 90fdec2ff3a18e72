package dev.flareobserver.emulator.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The console output of a simulated invocation: plausible, short, and telling of its status. */
final class LogLines {

    private static final String[] EXCEPTIONS = {
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "Error: upstream responded 502 Bad Gateway",
            "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
            "Error: D1_ERROR: no such table: orders",
            "RangeError: Invalid time value",
    };

    private LogLines() {
    }

    static List<String> of(InvocationStatus status, WorkerProfile.Route route, int subrequests, long cpuUs,
                           SplittableRandom random) {
        List<String> lines = new ArrayList<>(3);
        if (random.nextInt(4) == 0) {
            lines.add(String.format(Locale.ROOT, "handling %s %s", route.method(), route.path()));
        }
        if (subrequests > 0 && random.nextInt(3) == 0) {
            lines.add(String.format(Locale.ROOT, "fetched %d upstream resource%s", subrequests, subrequests == 1 ? "" : "s"));
        }
        switch (status) {
            case SCRIPT_THREW_EXCEPTION -> lines.add("Uncaught " + EXCEPTIONS[random.nextInt(EXCEPTIONS.length)]);
            case EXCEEDED_RESOURCES -> lines.add(String.format(Locale.ROOT,
                    "Error: Worker exceeded CPU time limit (%.1f ms)", cpuUs / 1000.0));
            case INTERNAL_ERROR -> lines.add("Error: internal error; reference = " + Long.toHexString(random.nextLong()));
            case CLIENT_DISCONNECTED -> lines.add("client disconnected before the response was sent");
            default -> {
            }
        }
        return lines;
    }
}
