package dev.flareobserver.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in the settings directory
 * ({@code $XDG_CONFIG_HOME/flare-observer} by default). A missing or damaged file gives the defaults:
 * settings are a convenience and must never keep the app from starting.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    public static final String FILE_NAME = "settings.json";

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, true)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** {@code $XDG_CONFIG_HOME/flare-observer}, or {@code ~/.config/flare-observer}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("flare-observer");
    }

    public Path file() {
        return file;
    }

    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        try {
            AppSettings read = mapper.readValue(file.toFile(), AppSettings.class);
            return read == null ? AppSettings.defaults() : read;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable settings file {}: {}", file, e.getMessage());
            return AppSettings.defaults();
        }
    }

    /** Writes atomically (temp file + move) so a crash never leaves half a file. */
    public void save(AppSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "settings", ".json.tmp");
            mapper.writeValue(tmp.toFile(), settings);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save settings to " + file, e);
        }
    }
}
