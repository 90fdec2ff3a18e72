package dev.flareobserver.orchestration.deploy;

import java.nio.file.Path;

/**
 * The image a deploy builds: a scratch OCI image (linux/amd64) whose only file is {@code binary} at
 * {@code entrypoint}, mode 755, exposing {@code port}.
 *
 * @param name   the image's name in the account's repository (the application name)
 * @param sha256 hex SHA-256 of the binary: an image label, and the default tag
 */
public record ContainerImage(Path binary, String name, String entrypoint, int port, String sha256) {

    /** The tag used when the operator gives none: changes exactly when the binary changes. */
    public String defaultTag() {
        return "sha-" + sha256.substring(0, 12);
    }
}
