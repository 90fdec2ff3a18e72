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
 * Launches the real app in demo mode in a fresh JVM, again and again, and reads the time from JVM
 * start to the first rendered frame that the app reports ({@code first-frame-ms=N}). With a DISPLAY
 * the real GTK window is measured; without one, the headless Monocle platform.
 */
final class FirstFrameBench {

    static String run(int launches) throws Exception {
        boolean display = System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            millis.add(launchOnce(display));
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        long worst = sorted.get(sorted.size() - 1);
        return String.format(Locale.ROOT, """
                ## First frame after JVM start (demo mode)

                Target: <= 1500 ms from JVM start to the first frame, while the emulator may still be starting.
                Platform: %s. %d launches, each a fresh JVM with fresh demo state.

                | median | best | worst | all (ms) |
                | ---: | ---: | ---: | --- |
                | %d ms | %d ms | %d ms | %s |

                Median %s the target.
                """, display ? "a real window (GTK on the X display " + System.getenv("DISPLAY") + ")"
                        : "headless Monocle, software rendering",
                launches, median, sorted.get(0), worst, millis, median <= 1500 ? "meets" : "MISSES");
    }

    private static long launchOnce(boolean display) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("flare-first-frame");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dflare.firstFrameReport=true", "-Dflare.exitAfterFirstFrame=true"));
        if (!display) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        command.add("dev.flareobserver.app.Main");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLOUDFLARE_"));
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process process = builder.start();
        Long result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("first-frame-ms=")) {
                    result = Long.parseLong(line.substring("first-frame-ms=".length()).trim());
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("the app did not report its first frame (exit " + process.exitValue() + ")");
        }
        return result;
    }

    private FirstFrameBench() {}
}
