package dev.flareobserver.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Starts the app the way a user does ({@code ./flare-observer}, demo mode, a real window on the X
 * display) again and again, and reads the time from JVM start to the first rendered frame that the
 * app reports ({@code first-frame-ms=N}). The first launch has no class data sharing archive yet and
 * writes it; the others use it.
 */
final class FirstFrameBench {

    static String run(Path repository, int launches) throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return "## First frame after JVM start (demo mode)\n\nNot measured: no X display. Run the benchmarks "
                    + "under one, e.g. `xvfb-run -a " + BenchmarkReport.COMMAND + "`.\n";
        }
        Files.deleteIfExists(repository.resolve("app/target/flare-observer.jsa"));
        long cold = launchOnce(repository);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            millis.add(launchOnce(repository));
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        return String.format(Locale.ROOT, """
                ## First frame after JVM start (demo mode)

                Target: <= 1500 ms from JVM start to the first frame (the emulator starts right after it).
                Each launch is `./flare-observer` in a fresh JVM with fresh demo state, on the X display %s.

                | launch | first frame |
                | --- | ---: |
                | first launch on a machine (no start-up archive yet; it writes one) | %d ms |
                | later launches, median of %d | **%d ms** |
                | later launches, best / worst | %d / %d ms |

                All later launches (ms): %s. Median %s the target.
                """, display, cold, launches, median, sorted.get(0), sorted.get(sorted.size() - 1), millis,
                median <= 1500 ? "meets" : "MISSES");
    }

    private static long launchOnce(Path repository) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("flare-first-frame");
        ProcessBuilder builder = new ProcessBuilder(repository.resolve("flare-observer").toString())
                .directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        builder.environment().put("FLARE_OBSERVER_JAVA_OPTS", "-Dflare.firstFrameReport=true -Dflare.exitAfterFirstFrame=true");
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process process = builder.start();
        Long result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("first-frame-ms=")) {
                    result = Long.parseLong(line.substring("first-frame-ms=".length()).trim());
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("the app did not report its first frame:\n" + output);
        }
        return result;
    }

    private FirstFrameBench() {}
}
