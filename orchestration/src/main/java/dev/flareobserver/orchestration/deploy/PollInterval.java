package dev.flareobserver.orchestration.deploy;

import java.time.Duration;

/**
 * How long to wait between polls of a rollout or of instances: quick at first (a small deploy converges in
 * seconds), slower later so a long wait stays well inside the account's 1200 requests / 5 minutes.
 */
final class PollInterval {

    private PollInterval() {
    }

    static Duration after(Duration elapsed) {
        if (elapsed.compareTo(Duration.ofSeconds(5)) < 0) {
            return Duration.ofMillis(200);
        }
        return elapsed.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
    }
}
