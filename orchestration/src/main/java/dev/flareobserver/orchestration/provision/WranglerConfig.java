package dev.flareobserver.orchestration.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A wrangler config as read for provisioning: the bindings of one environment, and the text they came from. */
public final class WranglerConfig {

    private final Path file;
    private final ConfigFormat format;
    private final String text;
    private final String env;
    private final String workerName;
    private final List<DesiredBinding> bindings;
    private final ConfigIndex index;

    WranglerConfig(Path file, ConfigFormat format, String text, String env, String workerName,
                   List<DesiredBinding> bindings, ConfigIndex index) {
        this.file = file;
        this.format = Objects.requireNonNull(format);
        this.text = Objects.requireNonNull(text);
        this.env = env;
        this.workerName = workerName;
        this.bindings = List.copyOf(bindings);
        this.index = Objects.requireNonNull(index);
    }

    public Path file() {
        return file;
    }

    public ConfigFormat format() {
        return format;
    }

    /** The text as read (write-back edits this text). */
    public String text() {
        return text;
    }

    /** The environment ({@code --env}), or null for the top level. */
    public String env() {
        return env;
    }

    /** The Worker's name in this environment, as wrangler names it ({@code name-env}); null when the config has none. */
    public String workerName() {
        return workerName;
    }

    public List<DesiredBinding> bindings() {
        return bindings;
    }

    ConfigIndex index() {
        return index;
    }
}
