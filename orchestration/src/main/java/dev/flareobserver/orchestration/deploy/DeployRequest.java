package dev.flareobserver.orchestration.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator asked to deploy: a native linux/amd64 executable that becomes the entrypoint of a scratch
 * image, pushed as {@code <registry>/<account_id>/<application>:<tag>} and run by the application
 * {@code application} (created when missing, modified when present).
 *
 * @param imageTar    also write the image as an OCI tar here (empty: push only)
 * @param instances   instances the application should run (used when it is created)
 * @param convergeTimeout how long the converge step waits for every instance to be healthy
 */
public record DeployRequest(Path binary, String application, int port, Map<String, String> environment,
                            String tag, Optional<Path> imageTar, int instances, Duration convergeTimeout) {

    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_CONVERGE_TIMEOUT = Duration.ofMinutes(2);

    public DeployRequest {
        environment = Map.copyOf(environment);
    }
}
