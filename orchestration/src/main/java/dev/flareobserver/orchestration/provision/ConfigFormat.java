package dev.flareobserver.orchestration.provision;

import java.nio.file.Path;
import java.util.Locale;

/** wrangler's two config formats. */
public enum ConfigFormat {
    TOML, JSONC;

    /** By file name: {@code .toml} is TOML; {@code .json} and {@code .jsonc} are JSON with comments. */
    public static ConfigFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".toml")) {
            return TOML;
        }
        if (name.endsWith(".jsonc") || name.endsWith(".json")) {
            return JSONC;
        }
        throw new InvalidConfigException(java.util.List.of(new ConfigProblem(new SourceLocation(file, 1, 1),
                "Not a wrangler config: the name must end in .toml, .json or .jsonc")));
    }
}
