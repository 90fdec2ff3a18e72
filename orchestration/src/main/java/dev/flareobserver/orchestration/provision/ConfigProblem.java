package dev.flareobserver.orchestration.provision;

import java.util.Objects;

/** One thing wrong with a wrangler config, where it is. */
public record ConfigProblem(SourceLocation location, String message) {

    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
