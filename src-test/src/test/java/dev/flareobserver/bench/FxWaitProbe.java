package dev.flareobserver.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * The FX-thread stall as a user feels it: a task posted to the FX thread every 5 ms, and how long each waited
 * before it ran. A task that never runs (10 s) counts as an endless wait.
 */
final class FxWaitProbe {

    private final AtomicLong worstNanos = new AtomicLong();
    private final List<Double> waitsMillis = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread = new Thread(this::loop, "fx-probe");

    FxWaitProbe() {
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    /** The longest wait so far. */
    double worstMillis() {
        return worstNanos.get() / 1e6;
    }

    /** Every wait so far, sorted. */
    List<Double> sortedWaitsMillis() {
        List<Double> sorted;
        synchronized (waitsMillis) {
            sorted = new ArrayList<>(waitsMillis);
        }
        Collections.sort(sorted);
        return sorted;
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            long posted = System.nanoTime();
            CompletableFuture<Void> ran = new CompletableFuture<>();
            Platform.runLater(() -> ran.complete(null));
            try {
                ran.get(10, TimeUnit.SECONDS);
                long waited = System.nanoTime() - posted;
                worstNanos.accumulateAndGet(waited, Math::max);
                waitsMillis.add(waited / 1e6);
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                worstNanos.set(Long.MAX_VALUE);
            }
        }
    }
}
