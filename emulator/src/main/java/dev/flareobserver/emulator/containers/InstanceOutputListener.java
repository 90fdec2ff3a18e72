package dev.flareobserver.emulator.containers;

import java.time.Instant;

/**
 * Hears every line an instance writes (stdout or stderr), e.g. for Worker tails. Called on the instance's output
 * thread: return quickly.
 */
@FunctionalInterface
public interface InstanceOutputListener {

    /** One line of output; {@code stream} is {@code stdout} or {@code stderr}. */
    record Line(String accountId, String applicationId, String instanceId, String stream, Instant time, String text) {
    }

    void onLine(Line line);
}
