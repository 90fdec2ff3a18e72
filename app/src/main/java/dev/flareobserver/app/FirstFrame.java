package dev.flareobserver.app;

import java.lang.management.ManagementFactory;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures JVM start to the first pulse after the stage is shown (the first frame a person sees),
 * logs it, and for benchmarks prints {@code first-frame-ms=N} ({@code -Dflare.firstFrameReport=true})
 * and exits ({@code -Dflare.exitAfterFirstFrame=true}).
 */
final class FirstFrame {

    private static final Logger LOG = LoggerFactory.getLogger(FirstFrame.class);

    private FirstFrame() {
    }

    static void mark(String what) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} at {} ms after JVM start", what,
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }

    /** Logs the first frame's time and then runs {@code afterFirstFrame} (on the FX thread). */
    static void measure(Scene scene, Runnable afterFirstFrame) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            afterFirstFrame.run();
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long ms = System.currentTimeMillis() - jvmStart;
            LOG.info("First frame {} ms after JVM start", ms);
            if (Boolean.getBoolean("flare.firstFrameReport")) {
                System.out.println("first-frame-ms=" + ms);
                System.out.flush();
            }
            if (Boolean.getBoolean("flare.exitAfterFirstFrame")) {
                // Let this pulse render before leaving; Platform.exit runs the app's stop().
                Platform.runLater(Platform::exit);
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
