package dev.flareobserver.orchestration.provision;

import java.nio.file.Path;

/** A place in a config file, 1-based, for messages: "wrangler.toml:12:1". */
public record SourceLocation(Path file, int line, int column) {

    @Override
    public String toString() {
        return (file == null ? "<config>" : file.toString()) + ":" + line + ":" + column;
    }
}
