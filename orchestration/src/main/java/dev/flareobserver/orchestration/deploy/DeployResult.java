package dev.flareobserver.orchestration.deploy;

import java.time.Duration;

/**
 * A deploy that converged: the application, the image it now runs and the version it replaced
 * ({@code previousVersion} 0 when the application was created by this deploy).
 */
public record DeployResult(String applicationId, String applicationName, String image, int version,
                           int previousVersion, String rolloutId, Duration elapsed) {
}
